#!/usr/bin/env bash
# The README's test command: installs what the tests need (deploy/setup.sh), starts the private PostgreSQL
# cluster with pgvector, then builds and runs every test of the solution. The Kafka-protocol broker is librdkafka's
# mock cluster, which the tests host themselves on localhost TCP ports (one per test class).
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/setup.sh
AIRD_PG_FSYNC=off bash deploy/postgres.sh start
AIRD_TEST_POSTGRES="$(bash deploy/postgres.sh url)"
export AIRD_TEST_POSTGRES

dotnet build Aird.Stream.sln --configuration Release --no-restore --nologo -clp:ErrorsOnly
# Normal verbosity prints why a test was skipped; the runner's summary is the last thing printed.
dotnet test Aird.Stream.sln --configuration Release --no-build --nologo --logger "console;verbosity=normal"
