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
]);

/** The server an image runs and its readiness command, or null for an image not known to need one. */
export function slowToBeReady(image: string): { server: string; check: string } | null {
  if (!image || image.includes('$')) return null;
  const server = imageShortName(parseImageRef(image));
  const check = READINESS.get(server);
  return check === undefined ? null : { server, check };
}
