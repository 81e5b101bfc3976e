"""AG3xx: NACLs and security groups filter traffic as the design claims."""
