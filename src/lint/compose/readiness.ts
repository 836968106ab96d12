/**
 * Servers whose container is up well before the service in it accepts connections (databases, brokers, search
 * engines), by the image's short name, with the command their own images ship for a readiness check. Their official
 * images define no `HEALTHCHECK`, so without a Compose `healthcheck:` nothing can say when they are ready.
 */
import { imageShortName, parseImageRef } from '../dockerfile/image-ref.js';

const READINESS: ReadonlyMap<string, string> = new Map([
  ['postgres', 'pg_isready -U postgres'],
  ['postgis', 'pg_isready -U postgres'],
  ['timescaledb', 'pg_isready -U postgres'],
  ['mysql', 'mysqladmin ping -h localhost'],
  ['mariadb', 'mariadb-admin ping -h localhost'],
  ['mongo', 'mongosh --quiet --eval "db.adminCommand(\'ping\')"'],
  ['redis', 'redis-cli ping'],
  ['valkey', 'valkey-cli ping'],
  ['rabbitmq', 'rabbitmq-diagnostics -q ping'],
  ['elasticsearch', 'curl -fs http://localhost:9200/_cluster/health'],
  ['opensearch', 'curl -fsk https://localhost:9200/_cluster/health'],
  ['cassandra', 'cqlsh -e "describe keyspaces"'],
  ['clickhouse-server', 'clickhouse-client --query "SELECT 1"'],
  // Bitnami's and Oracle's images name the server in full
  ['postgresql', 'pg_isready -U postgres'],
  ['mysql-server', 'mysqladmin ping -h localhost'],
  ['mongodb', 'mongosh --quiet --eval "db.adminCommand(\'ping\')"'],
  ['kafka', 'kafka-broker-api-versions.sh --bootstrap-server localhost:9092'],
  ['cp-kafka', 'kafka-broker-api-versions --bootstrap-server localhost:9092'],
  ['couchdb', 'curl -fs http://localhost:5984/_up'],
]);

/**
 * Servers whose image's last path component says nothing (`mcr.microsoft.com/mssql/server`), by the last two. The
 * check reads the password from the container, so Compose must not substitute it: `$$`.
 */
const READINESS_BY_REPOSITORY: ReadonlyMap<string, { server: string; check: string }> = new Map([
  [
    'mssql/server',
    {
      server: 'SQL Server',
      check: '/opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P "$$MSSQL_SA_PASSWORD" -Q "SELECT 1"',
    },
  ],
]);

/** The server an image runs and its readiness command, or null for an image not known to need one. */
export function slowToBeReady(image: string): { server: string; check: string } | null {
  if (!image || image.includes('$')) return null;
  const ref = parseImageRef(image);
  const repository = ref.name.toLowerCase().split('/').slice(-2).join('/');
  const known = READINESS_BY_REPOSITORY.get(repository);
  if (known) return known;
  const server = imageShortName(ref);
  const check = READINESS.get(server);
  return check === undefined ? null : { server, check };
}
