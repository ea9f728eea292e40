package dev.voicesession.bench;

import dev.voicesession.bench.driver.ClusterScenario;
import dev.voicesession.bench.driver.LoadScenario;
import dev.voicesession.bench.driver.MainScenario;
import dev.voicesession.bench.driver.RateLimitScenario;
import dev.voicesession.bench.report.Machine;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything a benchmark run measured, for the report.
 *
 * @param options what was run
 * @param machine where
 * @param started when it started
 * @param elapsed how long it took
 * @param loads the load average at the start and end of each phase
 * @param main the main run
 * @param load the load run
 * @param rateLimits the rate-limited run, or null if skipped
 * @param cluster the cluster phase, or null if skipped by option
 */
public record Results(BenchOptions options, Machine machine, ZonedDateTime started, Duration elapsed,
        List<PhaseLoad> loads, MainScenario.Result main, LoadScenario.Result load, RateLimitScenario.Result rateLimits,
        ClusterScenario.Result cluster) {

    /**
     * The machine's load around a phase.
     *
     * @param phase the phase
     * @param before load average when it started
     * @param after load average when it ended
     * @param othersCpuPercent CPU used by other processes during the phase, in percent of all cores
     */
    public record PhaseLoad(String phase, String before, String after, double othersCpuPercent) {}
}
