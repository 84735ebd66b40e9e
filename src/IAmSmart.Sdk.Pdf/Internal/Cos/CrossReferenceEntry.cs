namespace IAmSmart.Sdk.Pdf.Internal.Cos;

/// <summary>Where an object in use lives: at a byte offset in the file, or at an index inside an object stream.</summary>
internal readonly record struct CrossReferenceEntry(bool IsCompressed, long Offset, int Generation, int ObjectStreamNumber, int IndexInStream)
{
    public static CrossReferenceEntry InFile(long offset, int generation) => new(false, offset, generation, 0, 0);

    public static CrossReferenceEntry InObjectStream(int objectStreamNumber, int index) => new(true, 0, 0, objectStreamNumber, index);
}

/// <summary>How the newest cross-reference section of a file is written; an incremental update keeps the same form.</summary>
internal enum CrossReferenceFormat
{
    /// <summary>A classic <c>xref</c> table and <c>trailer</c> (including hybrid files whose trailer has <c>/XRefStm</c>).</summary>
    Table,

    /// <summary>A cross-reference stream (<c>/Type /XRef</c>, PDF 1.5).</summary>
    Stream,
}
