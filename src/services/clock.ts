/** What every service that needs "now" is handed (the composition root passes the real one; tests pass a fixed one). */
export type Clock = () => Date;
