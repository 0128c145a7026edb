// response_listing: one WHERE clause built from the filter (values always bound, never spliced), keyset paging.
#include "store/response_listing.hpp"
#include "store/answer_columns.hpp"
#include "store/conversation_columns.hpp"
#include <functional>
#include <SQLiteCpp/Statement.h>

namespace opinia::store {

namespace {

// A WHERE clause and the binders of its parameters, in order.
struct where_clause {
    std::string sql = " WHERE 1";
    std::vector<std::function<void(SQLite::Statement&, int)>> binds;

    void add(const std::string& condition, std::string value)
    {
        sql += " AND " + condition;
        binds.push_back([value = std::move(value)](SQLite::Statement& q, int i) { q.bind(i, value); });
    }
    void add(const std::string& condition, std::int64_t value)
    {
        sql += " AND " + condition;
        binds.push_back([value](SQLite::Statement& q, int i) { q.bind(i, static_cast<std::int64_t>(value)); });
    }
    void add(const std::string& condition, const score_range& r)
    {
        sql += " AND " + condition;
        binds.push_back([type = r.question_type](SQLite::Statement& q, int i) { q.bind(i, type); });
        binds.push_back([r](SQLite::Statement& q, int i) { q.bind(i, r.min); });
        binds.push_back([r](SQLite::Statement& q, int i) { q.bind(i, r.max); });
    }
    void bind_all(SQLite::Statement& q, int limit) const
    {
        int i = 1;
        for (const auto& b : binds) b(q, i++);
        q.bind(i, limit);
    }
};

// `time_column` and `row_column` are the table's time and row number (answers or conversations).
where_clause make_where(const response_filter& f, const std::string& flow_column, const std::string& time_column,
                        const std::string& row_column)
{
    where_clause w;
    if (!f.period.flow.empty()) w.add(flow_column + " = ?", f.period.flow);
    if (f.period.from_ms) w.add(time_column + " >= ?", *f.period.from_ms);
    if (f.period.to_ms) w.add(time_column + " < ?", *f.period.to_ms);
    if (!f.agent.empty()) w.add("c.agent = ?", f.agent);
    if (!f.channel.empty()) w.add("c.channel = ?", f.channel);
    if (!f.customer_id.empty()) w.add("c.customer_id = ?", f.customer_id);
    if (f.before > 0) w.add(row_column + " < ?", f.before);
    if (f.score)
        w.add("EXISTS (SELECT 1 FROM answers n WHERE n.conversation_id = c.id AND +n.question_type = ? AND "
              "n.value BETWEEN ? AND ?)", *f.score);
    return w;
}

std::optional<int> optional_int(SQLite::Statement& q, int i)
{
    if (q.getColumn(i).isNull()) return std::nullopt;
    return q.getColumn(i).getInt();
}

}  // namespace

response_listing::response_listing(database& db) : db_(db) {}

std::vector<answer_row> response_listing::answers(const response_filter& filter)
{
    const auto where = make_where(filter, "a.flow", "a.created_at", "a.id");
    SQLite::Statement q(db_.connection(),
        std::string("SELECT a.id, ") + answer_columns + ", " + conversation_context_columns +
        " FROM answers a JOIN conversations c ON c.id = a.conversation_id" + where.sql + " ORDER BY a.id DESC LIMIT ?");
    where.bind_all(q, filter.limit);
    std::vector<answer_row> out;
    while (q.executeStep()) {
        answer_row row;
        row.id = q.getColumn(0).getInt64();
        row.answer = read_answer(q, 1);
        row.conversation = read_conversation_context(q, 1 + answer_column_count);
        row.answer.conversation_id = row.conversation.id;
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<conversation_row> response_listing::conversations(const response_filter& filter)
{
    const auto where = make_where(filter, "c.flow", "c.created_at", "c.rowid");
    // Per-conversation lookups: the unary '+' keeps SQLite on the (conversation_id, step) index; through
    // answers_for_scores it would read every answer of the type for each conversation.
    const auto score = [](const char* type) {
        return std::string("(SELECT value FROM answers s WHERE s.conversation_id = c.id AND +s.question_type = '") +
               type + "' AND s.value IS NOT NULL ORDER BY s.id LIMIT 1)";
    };
    SQLite::Statement q(db_.connection(),
        std::string("SELECT c.rowid, ") + conversation_context_columns + ", " + score("nps") + ", " + score("csat") + ", " +
        score("ces") +
        ", (SELECT text FROM answers t WHERE t.conversation_id = c.id AND +t.question_type = 'text' AND t.text IS NOT "
        "NULL AND t.text <> '' ORDER BY t.id LIMIT 1), (SELECT COUNT(*) FROM answers k WHERE k.conversation_id = c.id)"
        " FROM conversations c" + where.sql + " ORDER BY c.rowid DESC LIMIT ?");
    where.bind_all(q, filter.limit);
    std::vector<conversation_row> out;
    while (q.executeStep()) {
        conversation_row row;
        row.cursor = q.getColumn(0).getInt64();
        row.conversation = read_conversation_context(q, 1);
        int i = 1 + conversation_context_column_count;
        row.nps = optional_int(q, i++);
        row.csat = optional_int(q, i++);
        row.ces = optional_int(q, i++);
        if (!q.getColumn(i).isNull()) row.comment = q.getColumn(i).getString();
        ++i;
        row.answers = q.getColumn(i++).getInt();
        out.push_back(std::move(row));
    }
    return out;
}

}  // namespace opinia::store
