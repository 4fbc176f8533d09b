"""Running Assure in service: the task worker, its heartbeat and daily schedule, the health
check for a load balancer, the production web server, and backups."""
