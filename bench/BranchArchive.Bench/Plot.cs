using System.Globalization;
using System.Text;

namespace BranchArchive.Bench;

/// <summary>The <c>writes</c> run as a self-contained SVG: throughput and p99 latency against the worker count, side by side.</summary>
public static class Plot
{
    private const int Width = 960, Height = 460, Top = 60, PanelWidth = 380, PanelHeight = 300;
    private const int LeftPanel = 90, RightPanel = 560;
    private const double TargetMs = 25;

    private sealed record Series(string Name, string Color, double[] Values);

    public static string Svg(WriteRun run)
    {
        var workers = run.Http.Select(r => r.Workers).ToArray();
        var http = new Series("HTTP", "#1f77b4", [.. run.Http.Select(r => r.PerSecond)]);
        var grain = new Series("grain-direct", "#ff7f0e", [.. run.Grain.Select(r => r.PerSecond)]);
        var baseline = new Series(run.Baselines.Count == 1 ? "baseline (1 writer)" : "baseline", "#2ca02c", [.. workers.Select(w => run.BaselineFor(w).PerSecond)]);

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{Width / 2}\" y=\"28\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\">Checkout/return write path, {run.Storage}</text>\n"));
        // Logarithmic: the baseline is often a hundred times the archive's own figures.
        Panel(svg, LeftPanel, "throughput (log scale)", "operations/s", workers, [http, grain, baseline], target: null, logarithmic: true);
        Panel(svg, RightPanel, "p99 latency", "ms", workers,
            [http with { Values = [.. run.Http.Select(r => r.Latency.P99)] }, grain with { Values = [.. run.Grain.Select(r => r.Latency.P99)] }], target: TargetMs, logarithmic: false);
        Legend(svg, [http, grain, baseline]);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>One chart: categorical x (the worker counts, evenly spaced); y linear from zero, or logarithmic over whole decades.</summary>
    private static void Panel(StringBuilder svg, int left, string title, string unit, int[] workers, Series[] series, double? target, bool logarithmic)
    {
        var values = series.SelectMany(s => s.Values).Where(v => double.IsFinite(v) && v > 0).Concat(target.HasValue ? [target.Value] : []).DefaultIfEmpty(1).ToArray();
        var (low, high) = logarithmic
            ? (Math.Pow(10, Math.Floor(Math.Log10(values.Min()))), Math.Pow(10, Math.Ceiling(Math.Log10(values.Max()))))
            : (0, NiceCeiling(values.Max()));
        double X(int i) => left + (i + 0.5) * PanelWidth / workers.Length;
        double Y(double value) => Top + PanelHeight * (1 - (logarithmic ? Math.Log10(value / low) / Math.Log10(high / low) : value / high));
        var bottom = Top + PanelHeight;
        double[] ticks = logarithmic
            ? [.. Enumerable.Range(0, (int)Math.Round(Math.Log10(high / low)) + 1).Select(k => low * Math.Pow(10, k))]
            : [.. Enumerable.Range(0, 6).Select(k => high * k / 5)];

        svg.Append(F($"<text x=\"{left + PanelWidth / 2}\" y=\"{Top - 10}\" text-anchor=\"middle\" font-size=\"13\">{title}</text>\n"));
        foreach (var value in ticks)
        {
            svg.Append(F($"<line x1=\"{left}\" y1=\"{Y(value):F1}\" x2=\"{left + PanelWidth}\" y2=\"{Y(value):F1}\" stroke=\"#e4e4e4\"/>\n"));
            svg.Append(F($"<text x=\"{left - 6}\" y=\"{Y(value) + 4:F1}\" text-anchor=\"end\">{value:#,0.##}</text>\n"));
        }
        svg.Append(F($"<path d=\"M{left},{Top} V{bottom} H{left + PanelWidth}\" fill=\"none\" stroke=\"black\"/>\n"));
        for (var i = 0; i < workers.Length; i++)
        {
            svg.Append(F($"<line x1=\"{X(i):F1}\" y1=\"{bottom}\" x2=\"{X(i):F1}\" y2=\"{bottom + 5}\" stroke=\"black\"/>\n"));
            svg.Append(F($"<text x=\"{X(i):F1}\" y=\"{bottom + 18}\" text-anchor=\"middle\">{workers[i]}</text>\n"));
        }
        svg.Append(F($"<text x=\"{left + PanelWidth / 2}\" y=\"{bottom + 38}\" text-anchor=\"middle\">workers</text>\n"));
        svg.Append(F($"<text transform=\"translate({left - 62},{Top + PanelHeight / 2}) rotate(-90)\" text-anchor=\"middle\">{unit}</text>\n"));
        if (target is { } t)
        {
            svg.Append(F($"<line x1=\"{left}\" y1=\"{Y(t):F1}\" x2=\"{left + PanelWidth}\" y2=\"{Y(t):F1}\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"));
            svg.Append(F($"<text x=\"{left + PanelWidth - 4}\" y=\"{Y(t) - 5:F1}\" text-anchor=\"end\" fill=\"#d62728\">target {t:0} ms</text>\n"));
        }
        foreach (var s in series)
        {
            var points = Enumerable.Range(0, workers.Length).Where(i => double.IsFinite(s.Values[i])).Select(i => F($"{X(i):F1},{Y(s.Values[i]):F1}")).ToArray();
            svg.Append(F($"<polyline points=\"{string.Join(' ', points)}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"2\"/>\n"));
            foreach (var point in points)
            {
                var xy = point.Split(',');
                svg.Append(F($"<circle cx=\"{xy[0]}\" cy=\"{xy[1]}\" r=\"3.5\" fill=\"{s.Color}\"/>\n"));
            }
        }
    }

    private static void Legend(StringBuilder svg, Series[] series)
    {
        var x = LeftPanel;
        var y = Height - 22;
        foreach (var s in series)
        {
            svg.Append(F($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"{s.Color}\" stroke-width=\"2\"/><circle cx=\"{x + 12}\" cy=\"{y - 4}\" r=\"3.5\" fill=\"{s.Color}\"/>\n"));
            svg.Append(F($"<text x=\"{x + 30}\" y=\"{y}\">{s.Name}</text>\n"));
            x += 60 + 7 * s.Name.Length;
        }
        svg.Append(F($"<line x1=\"{x}\" y1=\"{y - 4}\" x2=\"{x + 24}\" y2=\"{y - 4}\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"));
        svg.Append(F($"<text x=\"{x + 30}\" y=\"{y}\">p99 target ({TargetMs:0} ms)</text>\n"));
    }

    /// <summary>The next 1, 2 or 5 × 10ⁿ at or above <paramref name="value"/>, so the axis ticks are round.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2, 5, 10 }.Select(m => m * magnitude).First(v => v >= value);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
