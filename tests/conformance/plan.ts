/**
 * What one vector run must show: the exchanges the server answers (and checks), the outcome, and
 * the extra checks of a deliberate difference. Built from the vector by CONFORMANCE.md's rules,
 * then adjusted by the deliberate-differences table of the test.
 */
import { defaultExpectation, type Expectation } from "./outcome.js";
import { substitute, type ReplayContext } from "./mapping.js";
import { allExchanges, type Exchange, type Vector } from "./vectors.js";

/** Everything a vector run checks. */
export interface Plan {
  /** Exchanges answered (and compared) in order: login(s), prior calls, the call. */
  exchanges: Exchange[];
  /** The call's exchanges alone. */
  callExchanges: Exchange[];
  expectation: Expectation;
  /** Check the positional arguments are unchanged after the call (we never mutate arguments). */
  argsUnchanged: boolean;
  /** Close the server after the session logged in, so that nothing listens for the call. */
  closeBeforeCall: boolean;
  /** Checks what the call printed; returns a problem or undefined. */
  checkStdout: ((printed: string) => string | undefined) | undefined;
  /** Treat the call as the constructor (`Session.connect`) even if the vector logged in first. */
  constructInCall: boolean;
}

/** The plan CONFORMANCE.md gives for a vector before any deliberate difference. */
export function defaultPlan(vector: Vector, ctx: ReplayContext): Plan {
  const stdout = vector.stdout === undefined ? undefined : substitute(vector.stdout, ctx);
  return {
    exchanges: allExchanges(vector),
    callExchanges: vector.exchanges,
    expectation: defaultExpectation(vector.outcome, vector.exchanges, vector.transport_error, ctx),
    argsUnchanged: false,
    closeBeforeCall: /refused|nothing listens/i.test(vector.transport_error ?? ""),
    checkStdout:
      stdout === undefined
        ? undefined
        : (printed) => (printed.includes(stdout) ? undefined : `stdout ${JSON.stringify(printed)} lacks ${JSON.stringify(stdout)}`),
    constructInCall: vector.session?.constructed_in_call === true,
  };
}
