package dev.voicesession.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReportWriterTest {

    @Test
    @DisplayName("numbers keep three significant digits, whole numbers and thousands stay whole")
    void formatting() {
        assertThat(ReportWriter.fmt(0.012345)).isEqualTo("0.012");
        assertThat(ReportWriter.fmt(4.567)).isEqualTo("4.57");
        assertThat(ReportWriter.fmt(45.67)).isEqualTo("45.7");
        assertThat(ReportWriter.fmt(456.7)).isEqualTo("457");
        assertThat(ReportWriter.fmt(4567.8)).isEqualTo("4,568");
        assertThat(ReportWriter.fmt(9)).isEqualTo("9");
        assertThat(ReportWriter.fmt(Double.NaN)).isEqualTo("-");
    }
}
