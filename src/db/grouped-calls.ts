// Calls into the database that arrive while others are running go together, in one transaction
// (group commit in the application; docs/performance.md, "Deposits that arrive together commit
// together").
//
// A one-call request (teller_deposit: the whole deposit in one function call) costs PostgreSQL
// about as much again around the call as in it: BEGIN, the tenant settings, the statement's start
// and end, the COMMIT and its wait for the disk, the round trip. Measured with pgbench replaying
// the deposit (8 clients), four deposits in one transaction ran 1.16-1.26 times the deposits a
// second of one each. So an organisation runs at most `inFlight` transactions of such calls at a
// time; a call that arrives while they are all busy waits for the next one to finish and then
// goes with every other call that waited, in one statement and one transaction. A call that finds
// a free place goes at once, alone: nothing waits for company.
//
// A group first locks every cash session of its calls, then every account, each in the order of
// their ids (counter_group_lock, migration 0047), before any call runs: a deposit takes the
// maintained balances after its account, so without that a group could hold the balances while
// waiting for its second account and deadlock with whoever holds that account.
//
// Nothing changes for the caller. Each call's answer is its own row of the statement; the
// acknowledgement still comes only after the COMMIT. If the group's transaction fails with an
// error one call may have caused (a refusal, a broken rule or bad data, a deadlock), PostgreSQL
// rolled all of it back, and every call of the group runs again alone, in order, so that the error
// reaches only the request it belongs to and the others are done as if they had come alone. If
// it fails for the whole group (a statement or lock timeout: run alone, each would wait again), or
// without PostgreSQL's word (the connection lost, perhaps during the COMMIT: the outcome unknown),
// every call of the group fails with that error, as a lone call would, and nothing runs again.
// A call waits for its group at most as long as a request waits for a pool connection
// (`maxWaitMs`); then it fails as a full pool does (503, "try again").

/** A call at the counter: what it runs and the rows it locks first. */
export interface CounterCall {
  /** a function-call expression yielding one value, e.g. `teller_deposit(...)` */
  expression: string;
  /** the cash session it locks, then the savings account */
  sessionId: bigint;
  accountId: bigint;
}

/** One call waiting for its group. */
interface Waiting extends CounterCall {
  resolve: (outcome: unknown) => void;
  reject: (err: unknown) => void;
  timer?: NodeJS.Timeout;
}

interface Lane {
  running: number;
  waiting: Waiting[];
}

export interface CallGroupLimits {
  /** transactions of grouped calls an organisation runs at a time */
  inFlight: number;
  /** calls in one group at most */
  maxGroup: number;
  /** the longest a call waits for its group to start (0: no limit) */
  maxWaitMs: number;
}

/** What a call that waited too long fails with (src/db/errors.ts reads it as a full pool). */
export const WAITED_TOO_LONG =
  'timeout exceeded when trying to connect (the deposits ahead held it)';

/** Runs `statement` (one SELECT) as one transaction of `organizationId`; resolves to its rows. */
export type RunStatement = (
  organizationId: string,
  statement: string,
) => Promise<{ i: number; outcome: unknown }[]>;

export class CallGroups {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly run: RunStatement,
    private readonly limits: CallGroupLimits,
  ) {
    if (!(limits.inFlight >= 1 && limits.maxGroup >= 1))
      throw new Error(`call groups need inFlight and maxGroup of at least 1`);
  }

  /** Runs `call` for `organizationId`, grouped with whatever arrives with it; its value. */
  call<R>(organizationId: string, call: CounterCall): Promise<R> {
    let lane = this.lanes.get(organizationId);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      this.lanes.set(organizationId, lane);
    }
    let waiting: Waiting | undefined;
    const promise = new Promise<R>((resolve, reject) => {
      waiting = { ...call, resolve: resolve as (v: unknown) => void, reject };
    });
    const w = waiting!;
    lane.waiting.push(w);
    this.pump(organizationId, lane);
    if (this.limits.maxWaitMs > 0 && lane.waiting.includes(w)) {
      w.timer = setTimeout(() => {
        const at = lane.waiting.indexOf(w);
        if (at < 0) return;
        lane.waiting.splice(at, 1);
        w.reject(new Error(WAITED_TOO_LONG));
      }, this.limits.maxWaitMs);
    }
    return promise;
  }

  private pump(organizationId: string, lane: Lane): void {
    while (lane.running < this.limits.inFlight && lane.waiting.length > 0) {
      const group = lane.waiting.splice(0, this.limits.maxGroup);
      for (const w of group) clearTimeout(w.timer);
      lane.running++;
      void this.runGroup(organizationId, group).finally(() => {
        lane.running--;
        if (lane.running === 0 && lane.waiting.length === 0) this.lanes.delete(organizationId);
        else this.pump(organizationId, lane);
      });
    }
  }

  private async runGroup(organizationId: string, group: Waiting[]): Promise<void> {
    group.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
    let rows: { i: number; outcome: unknown }[];
    try {
      rows = await this.run(organizationId, groupStatement(organizationId, group));
    } catch (err) {
      if (group.length === 1 || !oneCallsError(err)) {
        for (const w of group) w.reject(err);
        return;
      }
      // one of them was refused (or broke a rule, or lost a deadlock): each alone, in order
      for (const w of group) {
        try {
          const [alone] = await this.run(organizationId, groupStatement(organizationId, [w]));
          w.resolve(alone?.outcome);
        } catch (e) {
          w.reject(e);
        }
      }
      return;
    }
    const byIndex = new Map(rows.map((r) => [Number(r.i), r.outcome]));
    byIndex.delete(-1);
    group.forEach((w, i) => {
      if (byIndex.has(i)) w.resolve(byIndex.get(i));
      else w.reject(new Error(`grouped call ${i} of ${group.length} returned no row`));
    });
  }
}

/**
 * One SELECT whose row i is call i's value. UNION ALL runs its branches in their order, one after
 * the other, each call's statements seeing what the calls before it wrote; a group's first branch
 * (row -1) locks its sessions and accounts. `organizationId` is a checked uuid.
 */
export function groupStatement(organizationId: string, calls: readonly CounterCall[]): string {
  const branches = calls.map((c, i) => `select ${i} as i, ${c.expression} as outcome`);
  if (calls.length === 1) return branches[0]!;
  const ids = (xs: bigint[]) => `array[${[...new Set(xs)].join(', ')}]::bigint[]`;
  const lock = `select -1 as i, counter_group_lock('${organizationId}'::uuid, ${ids(
    calls.map((c) => c.sessionId),
  )}, ${ids(calls.map((c) => c.accountId))}) as outcome`;
  return [lock, ...branches].join(' union all ');
}

/**
 * PostgreSQL said why the statement failed (an SQLSTATE), so it rolled the transaction back and
 * nothing of it stays. Not so for a lost connection (no SQLSTATE, or class 08) or a server going
 * down (57P01-57P03): the COMMIT may have happened.
 */
export function rolledBackByServer(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return false;
  return !code.startsWith('08') && !/^57P0[1-3]$/.test(code);
}

/**
 * PostgreSQL rolled the group back for something one of its calls may have caused alone: a refusal
 * (SG), bad data (22), a broken rule (23), a raised exception (P0), a deadlock or serialization
 * failure (40). Not a timeout, a lack of resources or a lost connection: those are the group's.
 */
export function oneCallsError(err: unknown): boolean {
  if (!rolledBackByServer(err)) return false;
  return /^(SG|22|23|P0|40)/.test((err as { code: string }).code);
}
