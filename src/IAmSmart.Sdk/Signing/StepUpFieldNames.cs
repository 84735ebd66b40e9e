namespace IAmSmart.Sdk.Signing;

/// <summary>
/// Which names the signing step-up fields go out under (addendum §A1.4, §A9): the sources disagree, so the choice is
/// one setting, <see cref="IAmSmartOptions.StepUpFieldNames"/>. It applies to every request that can carry a step-up:
/// hash, PDF and bulk signing, their anonymous and app variants.
/// </summary>
/// <remarks>
/// [G] which is iAM Smart's: the CorpID sandbox specification (S3, Dec 2025) names the fields
/// <c>stepupAuthMethod</c>/<c>stepupAuthPeriod</c> in its tables and samples, yet its own text and the production CorpID
/// specification (S21, Jun 2026) say <c>suaMethod</c>/<c>suaWaitPeriod</c>, and the ITE scope list has
/// <c>eidapi_sua</c>. The addendum keeps both names behind one option, defaulting to <see cref="SuaMethod"/> [G].
/// </remarks>
public enum StepUpFieldNames
{
    /// <summary><c>suaMethod</c> / <c>suaWaitPeriod</c> (S3 prose, S21): the default [G].</summary>
    SuaMethod,

    /// <summary><c>stepupAuthMethod</c> / <c>stepupAuthPeriod</c> (S3 tables and samples).</summary>
    StepupAuth,
}
