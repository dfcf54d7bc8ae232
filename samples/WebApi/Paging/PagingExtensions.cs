using System.Globalization;
using System.Linq.Expressions;
using Framework.Orm;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace WebApi.Paging;

public static class PagingExtensions
{
    /// <summary>
    /// Reads one page of every <typeparamref name="T"/> in the order of <paramref name="orderBy"/> (which must be unique,
    /// so that pages neither overlap nor skip rows), and how many there are: two statements, plus whatever loads the
    /// endpoint's eager-load policy adds.
    /// </summary>
    public static async Task<Paged<T>> PageAsync<T, TKey>(this AsyncSession session, PageQuery query, Expression<Func<T, TKey>> orderBy)
        where T : class, IMapped<T>
    {
        var total = Convert.ToInt64(await session.ScalarAsync(Select(Func.Count()).SelectFrom(Inspection.Mapper<T>().Table)), CultureInfo.InvariantCulture);
        var items = await session.ScalarsAsync(Select<T>().OrderBy(orderBy).Offset(query.Offset).Limit(query.PageSize));
        return new Paged<T>(items.All(), query.Page, query.PageSize, total);
    }
}
