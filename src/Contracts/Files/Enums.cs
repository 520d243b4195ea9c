namespace BranchArchive.Contracts.Files;

// Stored and sent by name (never by number), so new members may be appended anywhere.

public enum CustomerType { Individual, Enterprise, Government }

public enum Importance { Vip, Normal, Potential }

/// <summary>The colour of the folder's label; follows from <see cref="Importance"/>.</summary>
public enum ColorLabel { Red, Blue, Green }

public enum Sensitivity { Internal, Confidential, Restricted }

/// <summary>
/// The information types inside a file (信息类型). <c>Accounting</c>: accounting records (会计档案 /
/// 会计资料) — vouchers, ledgers, invoices kept with the dossier; by default a file holding them is
/// never lent (<c>Circulation:NeverLent</c>).
/// </summary>
public enum DocumentType { BasicInfo, Cooperation, Service, Credit, Other, Accounting }

/// <summary>
/// <c>AwaitingPickup</c>: arrived at a requesting branch, held for its borrower.
/// <c>AwaitingDispatch</c>: returned at another branch, waiting to be sent home.
/// <c>InReading</c>: being read on site in its own branch.
/// <c>InRepair</c>: a damaged file taken out of circulation to be repaired or re-made.
/// </summary>
public enum FileStatus { OnShelf, CheckedOut, InTransit, Missing, Damaged, Destroyed, AwaitingPickup, AwaitingDispatch, InReading, InRepair }

public enum ReturnCondition { Intact, Damaged, Incomplete }

/// <summary>Where the relationship with the customer stands (合作阶段); it moves forward as business grows.</summary>
public enum CooperationStage { Potential, Signed, Stable, Terminated }

/// <summary>The kind of relationship, watched at re-classification (growing, lost and risky customers).</summary>
public enum Relationship { New, LongTerm, Problem, Former, Potential }
