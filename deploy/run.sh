#!/usr/bin/env bash
# The README's main-job command. Installs everything (deploy/setup.sh), starts the private PostgreSQL cluster,
# builds aird, applies the database migrations and hosts the development Kafka-protocol broker with the pipeline's
# topics until Ctrl+C. The streaming pipeline (aird run on a demo clip) takes this place once it exists.
set -euo pipefail
cd "$(dirname "$0")/.."

bash deploy/setup.sh
bash deploy/postgres.sh start
connection="$(bash deploy/postgres.sh url)"

dotnet build src/Aird.Stream.Cli --configuration Release --no-restore --nologo -clp:ErrorsOnly
aird=src/Aird.Stream.Cli/bin/Release/net10.0/linux-x64/aird

"$aird" db migrate --connection "$connection"
echo "PostgreSQL with pgvector is migrated and listening: $connection" >&2
echo "Starting the development Kafka-protocol broker (Ctrl+C stops it; the database keeps running, stop it with deploy/postgres.sh stop)." >&2
exec "$aird" dev-kafka
