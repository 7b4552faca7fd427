#!/usr/bin/env sh
# Starts Portico on this machine with only a JDK (17 or newer): builds the jars with the Maven wrapper, then
# runs an embedded H2 database, an httpbin-compatible echo upstream (8080), the admin (9180) and one gateway
# of group `default` (9080; health on its management port 9091). Options are passed on:
# ./quickstart.sh --echo-port=18080 --gateway-port=19080 --gateway-management-port=19091
set -eu
cd "$(dirname "$0")"
./mvnw -q -ntp -DskipTests -Dcheckstyle.skip -Dspring-javaformat.skip \
	-pl admin-webflux,gateway-distro,quickstart -am package
exec java -jar quickstart/target/quickstart-*-exec.jar "$@"
