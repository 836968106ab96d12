/**
 * What the queue remembers in Redis beside BullMQ's jobs, shared by every instance: each pull request's latest
 * head, the deliveries already scheduled per head (so a redelivery collapses even after its review finished), and
 * each head's run number (so an explicit re-run after a finished review gets a fresh job id).
 */
import type { Redis } from 'ioredis';
import type { StateKeys } from './keys.js';

export const DAY_SECONDS = 24 * 60 * 60;
/** Deliveries are remembered long enough for GitHub's manual "Redeliver" of a recent one. */
const DELIVERY_TTL_SECONDS = DAY_SECONDS;
/** Run numbers outlive the finished jobs they number (kept up to a week: see index.ts). */
const RUN_TTL_SECONDS = 8 * DAY_SECONDS;
/** A pull request's latest head outlives any review of it; an idle pull request's key expires after a week. */
const LATEST_TTL_SECONDS = 7 * DAY_SECONDS;

// SET with a TTL, returning the previous value, in one step (SET … GET needs Redis 6.2; this works on any version)
const SWAP = `local old = redis.call('get', KEYS[1])
redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2])
return old`;

// moves the run number past the one the caller saw finished, unless another instance already did: two instances
// that both see run n finished agree on n + 1, and BullMQ collapses their two adds into one job
const NEXT_RUN = `local cur = tonumber(redis.call('get', KEYS[1]) or '0')
local seen = tonumber(ARGV[1])
if cur <= seen then
  cur = seen + 1
  redis.call('set', KEYS[1], cur)
end
redis.call('expire', KEYS[1], ARGV[2])
return cur`;

export class ReviewState {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
  ) {}

  async isKnownDelivery(head: string, deliveryId: string): Promise<boolean> {
    return (await this.redis.sismember(this.keys.deliveries(head), deliveryId)) === 1;
  }

  async rememberDelivery(head: string, deliveryId: string): Promise<void> {
    const key = this.keys.deliveries(head);
    await this.redis.multi().sadd(key, deliveryId).expire(key, DELIVERY_TTL_SECONDS).exec();
  }

  /** Records `sha` as the pull request's latest head; returns the head it replaces, if any. */
  async setLatest(pull: string, sha: string): Promise<string | null> {
    const old = (await this.redis.eval(SWAP, 1, this.keys.latest(pull), sha, LATEST_TTL_SECONDS)) as
      string | null;
    return old;
  }

  async latest(pull: string): Promise<string | null> {
    return this.redis.get(this.keys.latest(pull));
  }

  async run(head: string): Promise<number> {
    return Number((await this.redis.get(this.keys.run(head))) ?? 0);
  }

  /** The run after `finished`, agreed on by every instance that saw `finished` end. */
  async nextRun(head: string, finished: number): Promise<number> {
    return Number(await this.redis.eval(NEXT_RUN, 1, this.keys.run(head), finished, RUN_TTL_SECONDS));
  }
}
