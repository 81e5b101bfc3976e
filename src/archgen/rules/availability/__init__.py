"""AG1xx: the design survives the loss of an Availability Zone."""
