using System.Globalization;
using QRCoder;

namespace BranchArchive.WebApp.Labels;

/// <summary>QR codes of folder numbers, as SVG (sharp at any print size), drawn by QRCoder on the server.</summary>
public static class QrCodes
{
    /// <summary>The number as a QR code; a scanner reads back exactly the digits printed beside it.</summary>
    public static string Svg(long fileNumber)
    {
        using var data = QRCodeGenerator.GenerateQrCode(fileNumber.ToString(CultureInfo.InvariantCulture), QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
