/*
 * Imported first by sla.ts, before any date library runs. The peers compute in the process's local
 * time zone (or UTC); run them as a server would, in UTC, unless BENCH_TZ names another zone
 * (e.g. BENCH_TZ=Europe/London to see them on a machine set to UK time). Desk never reads it.
 */
process.env.TZ = process.env.BENCH_TZ || 'UTC';
