namespace WebApi.Paging;

/// <summary>One page of a list, with the number of items in the whole list.</summary>
/// <param name="Items">The page's items; empty past the last page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The most items a page holds.</param>
/// <param name="Total">How many items the whole list holds.</param>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
