"""Static network reachability: routes, NACLs and security groups, as AWS defines them.

The rules (AG205, AG3xx, AG603), `archgen trace` and the explanation all ask
this package, so the check and the text can never disagree about a path.
"""
