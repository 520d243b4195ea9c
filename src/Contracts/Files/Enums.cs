namespace BranchArchive.Contracts.Files;

// Stored and sent by name (never by number), so new members may be appended anywhere.

public enum CustomerType { Individual, Enterprise, Government }

public enum Importance { Vip, Normal, Potential }

/// <summary>The colour of the folder's label; follows from <see cref="Importance"/>.</summary>
public enum ColorLabel { Red, Blue, Green }

public enum Sensitivity { Internal, Confidential, Restricted }

public enum DocumentType { BasicInfo, Cooperation, Service, Credit, Other }

public enum FileStatus { OnShelf, CheckedOut, InTransit, Missing, Damaged, Destroyed }

public enum ReturnCondition { Intact, Damaged, Incomplete }
