/// <summary>The body of <c>POST /a</c>, which docs/SYNOPSIS.md's block uses and does not declare.</summary>
public record NewA(string? Data);
