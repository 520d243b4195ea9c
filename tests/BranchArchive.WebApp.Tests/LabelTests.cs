using BranchArchive.Testing;
using BranchArchive.WebApp.Tests.Support;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace BranchArchive.WebApp.Tests;

/// <summary>Folder labels as Chromium renders them, read back by a barcode library as a scanner would.</summary>
[Collection(WebAppCollection.Name)]
public sealed class LabelTests(WebAppFixture app)
{
    [Fact]
    public async Task A_cabinets_label_sheet_renders_on_A4_and_every_code_decodes_to_its_folders_number()
    {
        var branch = await app.OpenBranchAsync();
        var numbers = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            numbers.Add((await app.RegisterFileAsync(branch, customerName: $"客户{i}")).Number);
        }
        var page = await app.NewPageAsync();
        await page.SignInAsync($"manager.{branch.ToLowerInvariant()}", "manager", branch, returnUrl: "/labels");
        await page.ClickAsync($"[data-testid=sheet-{branch}-C01]");
        await page.Locator("[data-testid=label-sheet]").First.WaitForAsync();
        await page.AssertAccessibleAsync();

        // As printed: print media, A4 (one sheet of 21 labels here).
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        var folder = Path.Combine(RepositoryFolder.Root(), "TestResults", "ui");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "label-sheet-print.png"), FullPage = true });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.Equal(1, CountPdfPages(pdf));

        var labels = page.Locator("[data-testid=folder-label]");
        Assert.Equal(numbers.Count, await labels.CountAsync());
        var decoded = new List<long>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var label = labels.Nth(i);
            var png = await label.ScreenshotAsync(new LocatorScreenshotOptions { Scale = ScreenshotScale.Device });
            var text = Decode(png);
            Assert.Equal(await label.Locator("[data-testid=label-number]").InnerTextAsync(), text);
            decoded.Add(long.Parse(text));
        }
        Assert.Equal(numbers.Order(), decoded.Order());
    }

    /// <summary>The QR code in a PNG, read by ZXing from SkiaSharp's pixels.</summary>
    private static string Decode(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png).Copy(SKColorType.Bgra8888);
        var source = new RGBLuminanceSource(bitmap.Bytes, bitmap.Width, bitmap.Height, RGBLuminanceSource.BitmapFormat.BGRA32);
        var result = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.POSSIBLE_FORMATS] = new[] { BarcodeFormat.QR_CODE }, [DecodeHintType.TRY_HARDER] = true });
        Assert.True(result is not null, "No QR code found in the label.");
        return result.Text;
    }

    private static int CountPdfPages(byte[] pdf) =>
        System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
}
