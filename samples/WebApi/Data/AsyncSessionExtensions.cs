using Framework.Orm;
using static Framework.Sql.Expressions;

namespace WebApi.Data;

public static class AsyncSessionExtensions
{
    /// <summary>
    /// Deletes the <typeparamref name="T"/> of this id with one DELETE, without loading it first: the database's
    /// ON DELETE CASCADE rules remove the rows that refer to it. Returns whether there was one.
    /// </summary>
    public static async Task<bool> DeleteByIdAsync<T>(this AsyncSession session, int id) where T : class, IMapped<T>
    {
        var key = Inspection.Mapper<T>().PrimaryKeyColumns.Single().Column;
        var deleted = await session.ExecuteAsync(Delete<T>().Where(key == id));
        return deleted.RowCount > 0;
    }
}
