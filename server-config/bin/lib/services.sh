# shellcheck shell=bash
# The product's roles as server-config/services lists them, and whether a port is taken: what the
# launcher, bin/payara-commands and ./run all need, read in this one place. It sets nothing else,
# so ./run sources it without the launcher's settings.

services_file=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/services

# role, HTTP port, module and kind, one line each, in the file's order.
services() { awk '!/^[[:space:]]*(#|$)/ { print $1, $2, $3, $4 }' "$services_file"; }

# The roles: all of them, or those of one kind (service, admin).
roles() { services | awk -v kind="${1:-}" 'kind == "" || $4 == kind { print $1 }'; }

# The WAR that uses a role's pool.
role_module() { services | awk -v role="$1" '$1 == role { print $3 }'; }

# Something accepts connections on host:port (a node, a service, or another program).
port_taken() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
