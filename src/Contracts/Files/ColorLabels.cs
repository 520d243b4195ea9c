namespace BranchArchive.Contracts.Files;

/// <summary>Red folders for VIP customers, blue for normal, green for potential ones.</summary>
public static class ColorLabels
{
    public static ColorLabel For(Importance importance) => importance switch
    {
        Importance.Vip => ColorLabel.Red,
        Importance.Normal => ColorLabel.Blue,
        Importance.Potential => ColorLabel.Green,
        _ => throw new ArgumentOutOfRangeException(nameof(importance), importance, "Unknown importance."),
    };
}
