using System.ComponentModel.DataAnnotations;

namespace WebApi.Paging;

/// <summary>Which page of a list to answer: <c>?page=2&amp;pageSize=50</c>. A value out of range is a 400 problem.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">How many items a page holds, at most <see cref="MaxPageSize"/>.</param>
/// <remarks>
/// The ranges are on the properties, not the constructor's parameters: with a parameter's attribute, ASP.NET Core 10's
/// OpenAPI document fails for an <c>[AsParameters]</c> record (dotnet/aspnetcore#65348). MVC refuses a record whose
/// properties carry them, so the controller takes the two numbers as parameters.
/// </remarks>
public sealed record PageQuery(
    [property: Range(1, PageQuery.MaxPage)] int Page = 1,
    [property: Range(1, PageQuery.MaxPageSize)] int PageSize = PageQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    // Keeps the row offset within an int at any page size.
    public const int MaxPage = int.MaxValue / MaxPageSize;

    /// <summary>How many rows come before the page.</summary>
    public int Offset => (Page - 1) * PageSize;
}
