package dev.voicesession.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Charts of the report, written as PNG with XChart (headless). */
public final class Plots {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 640;
    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2)
    };

    private Plots() {}

    /** A line series of a chart. */
    public record Line(String name, double[] x, double[] y, boolean dashed) {}

    /**
     * Distribution functions: for each sample, the share of values at or below each latency.
     *
     * @param logX whether the latency axis is logarithmic (values at or below zero are left out then)
     */
    public static void cdf(Path file, String title, String xTitle, Map<String, Stats> samples, boolean logX)
            throws IOException {
        double low = Double.POSITIVE_INFINITY;
        double high = 0;
        for (Stats stats : samples.values()) {
            for (double value : stats.sorted()) {
                if (value > 0) {
                    low = Math.min(low, value);
                    high = Math.max(high, value);
                }
            }
        }
        // a logarithmic axis within one decade would have no labels
        logX = logX && high / low >= 20;
        XYChart chart = chart(title, xTitle + (logX ? " (log)" : ""), "share of values at or below (%)");
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        int i = 0;
        for (Map.Entry<String, Stats> entry : samples.entrySet()) {
            double[] sorted = entry.getValue().sorted();
            int start = 0;
            while (logX && start < sorted.length && sorted[start] <= 0) {
                start++;
            }
            int n = sorted.length - start;
            if (n <= 0) {
                continue;
            }
            int step = Math.max(1, n / 2000);
            int points = (n + step - 1) / step;
            double[] x = new double[points + 1];
            double[] y = new double[points + 1];
            for (int p = 0; p < points; p++) {
                int index = start + Math.min(n - 1, p * step);
                x[p] = sorted[index];
                y[p] = 100.0 * (index + 1) / sorted.length;
            }
            x[points] = sorted[sorted.length - 1];
            y[points] = 100.0;
            add(chart, entry.getKey() + " (n=" + sorted.length + ")", x, y, i++, false, false);
        }
        if (chart.getSeriesMap().isEmpty()) {
            chart.addSeries("no data", new double[] {1}, new double[] {0});
        }
        roundTicks(chart, !logX, true);
        save(chart, file);
    }

    /**
     * Lines against a numeric x axis. With {@code log2X} the x values are powers of two drawn evenly spaced;
     * with {@code logY} the y axis is logarithmic. A dashed line takes the colour of the line before it.
     */
    public static void lines(Path file, String title, String xTitle, String yTitle, List<Line> lines, boolean log2X,
            boolean logY) throws IOException {
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setLegendPosition(lines.size() > 3 ? Styler.LegendPosition.OutsideE
                : Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(lines.size() > 3 ? Styler.LegendLayout.Vertical
                : Styler.LegendLayout.Horizontal);
        if (log2X) {
            chart.setCustomXAxisTickLabelsFormatter(x -> Long.toString(Math.round(Math.pow(2, x))));
        }
        int i = 0;
        for (Line line : lines) {
            if (line.x().length == 0) {
                continue;
            }
            double[] x = line.x();
            if (log2X) {
                x = Arrays.stream(x).map(v -> Math.log(v) / Math.log(2)).toArray();
            }
            add(chart, line.name(), x, line.y(), line.dashed() ? i - 1 : i, x.length <= 50, line.dashed());
            if (!line.dashed()) {
                i++;
            }
        }
        roundTicks(chart, !log2X, !logY);
        save(chart, file);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).theme(Styler.ChartTheme.Matlab).build();
        XYStyler styler = chart.getStyler();
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setMarkerSize(6);
        styler.setYAxisTickMarkSpacingHint(60);
        styler.setXAxisTickMarkSpacingHint(80);
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return chart;
    }

    private static void add(XYChart chart, String name, double[] x, double[] y, int colorIndex, boolean markers,
            boolean dashed) {
        XYSeries series = chart.addSeries(name, x, y);
        Color color = COLORS[Math.floorMod(colorIndex, COLORS.length)];
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(markers ? (dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE) : SeriesMarkers.NONE);
        series.setLineStyle(dashed
                ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(2f));
    }

    /**
     * XChart labels an axis at the data values themselves when they are equally spaced (as a distribution's
     * shares are); an invisible series at uneven positions inside the data's range makes it choose round ticks.
     */
    private static void roundTicks(XYChart chart, boolean xAxis, boolean yAxis) {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (double x : series.getXData()) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
            }
            for (double y : series.getYData()) {
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if (!Double.isFinite(minX) || !Double.isFinite(minY)) {
            return;
        }
        double[] x = xAxis
                ? new double[] {minX + (maxX - minX) * 0.318, minX + (maxX - minX) * 0.577}
                : new double[] {minX, minX};
        double[] y = yAxis
                ? new double[] {minY + (maxY - minY) * 0.318, minY + (maxY - minY) * 0.577}
                : new double[] {minY, minY};
        XYSeries anchor = chart.addSeries(" ", x, y);
        anchor.setShowInLegend(false);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineColor(new Color(0, 0, 0, 0));
        anchor.setLineStyle(new BasicStroke(0f));
    }

    private static void save(XYChart chart, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
