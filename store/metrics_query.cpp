// metrics_query: SQL aggregates over the answers table.
#include "store/metrics_query.hpp"
#include <set>
#include <variant>
#include <SQLiteCpp/Statement.h>

namespace opinia::store {

namespace {

// The WHERE conditions shared by every view, with their bound values in the order written; `table` is the answers alias.
struct filter_clause {
    std::string sql;
    std::vector<std::variant<std::string, std::int64_t>> values;

    filter_clause(const answer_filter& f, const std::string& table)
    {
        if (!f.flow.empty()) {
            sql += " AND " + table + ".flow = ?";
            values.emplace_back(f.flow);
        }
        if (f.from_ms) {
            sql += " AND " + table + ".created_at >= ?";
            values.emplace_back(*f.from_ms);
        }
        if (f.to_ms) {
            sql += " AND " + table + ".created_at < ?";
            values.emplace_back(*f.to_ms);
        }
        const std::string_view attribute = "attribute:";
        if (f.segment_dimension.starts_with(attribute)) {
            sql += " AND EXISTS (SELECT 1 FROM customer_attributes ca WHERE ca.customer_id = " + table +
                   ".customer_id AND ca.name = ? AND ca.value = ?)";
            values.emplace_back(f.segment_dimension.substr(attribute.size()));
            values.emplace_back(f.segment_value);
        } else if (!f.segment_dimension.empty()) {
            static const std::set<std::string> columns{"flow", "channel", "agent", "touchpoint", "stage", "locale"};
            if (!columns.count(f.segment_dimension))
                throw std::invalid_argument("unknown segment dimension '" + f.segment_dimension + "'");
            sql += " AND EXISTS (SELECT 1 FROM conversations sc WHERE sc.id = " + table + ".conversation_id AND sc." +
                   f.segment_dimension + " = ?)";
            values.emplace_back(f.segment_value);
        }
    }

    int bind(SQLite::Statement& s, int index) const
    {
        for (const auto& v : values)
            std::visit([&](const auto& x) { s.bind(index++, x); }, v);
        return index;
    }
};

std::optional<int> optional_int(const SQLite::Column& c)
{
    if (c.isNull()) return std::nullopt;
    return c.getInt();
}

}  // namespace

metrics_query::metrics_query(database& db) : db_(db) {}

std::vector<score_count> metrics_query::score_counts(const answer_filter& filter)
{
    filter_clause where(filter, "a");
    SQLite::Statement q(db_.connection(),
        "SELECT a.question_type, a.scale_min, a.scale_max, a.good_from, a.value, COUNT(*) FROM answers a "
        "WHERE a.value IS NOT NULL AND a.skipped = 0 AND a.question_type IN ('nps', 'csat', 'ces')" + where.sql +
        " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5");
    where.bind(q, 1);
    std::vector<score_count> out;
    while (q.executeStep()) {
        score_count c;
        c.question_type = q.getColumn(0).getString();
        c.scale_min = q.getColumn(1).getInt();
        c.scale_max = q.getColumn(2).getInt();
        c.good_from = q.getColumn(3).getInt();
        c.value = q.getColumn(4).getInt();
        c.count = q.getColumn(5).getInt64();
        out.push_back(c);
    }
    return out;
}

std::vector<comment_row> metrics_query::comments(const answer_filter& filter, int limit, const std::string& search)
{
    filter_clause where(filter, "a");
    if (!search.empty()) {
        // LIKE with its wildcards escaped: the search is a plain substring, case-insensitive for ASCII letters.
        std::string pattern = "%";
        for (char ch : search) {
            if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
            pattern += ch;
        }
        pattern += '%';
        where.sql += " AND a.text LIKE ? ESCAPE '\\'";
        where.values.emplace_back(pattern);
    }
    // Pick the page of comments first, then look up the scores of those conversations only; the
    // unary '+' keeps SQLite on the (conversation_id, step) index instead of scanning by type, and
    // the newest comments are read backwards along answers_by_time instead of sorting every comment.
    const auto score_of = [](const char* type) {
        return std::string(" (SELECT s.value FROM answers s WHERE s.conversation_id = c.conversation_id AND "
                           "+s.question_type = '") + type + "' AND s.value IS NOT NULL ORDER BY s.id DESC LIMIT 1)";
    };
    SQLite::Statement q(db_.connection(),
        "SELECT c.conversation_id, c.flow, c.step, c.text, c.created_at," + score_of("nps") + "," +
        score_of("csat") + "," + score_of("ces") +
        " FROM (SELECT a.id, a.conversation_id, a.flow, a.step, a.text, a.created_at FROM answers a"
        " WHERE +a.question_type = 'text' AND a.skipped = 0 AND a.text IS NOT NULL AND a.text <> ''" + where.sql +
        " ORDER BY a.created_at DESC, a.id DESC LIMIT ?) c ORDER BY c.created_at DESC, c.id DESC");
    int next = where.bind(q, 1);
    q.bind(next, limit);
    std::vector<comment_row> out;
    while (q.executeStep()) {
        comment_row c;
        c.conversation_id = q.getColumn(0).getString();
        c.flow = q.getColumn(1).getString();
        c.step = q.getColumn(2).getString();
        c.text = q.getColumn(3).getString();
        c.created_at_ms = q.getColumn(4).getInt64();
        c.nps = optional_int(q.getColumn(5));
        c.csat = optional_int(q.getColumn(6));
        c.ces = optional_int(q.getColumn(7));
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<std::string> metrics_query::answered_flows()
{
    SQLite::Statement q(db_.connection(), "SELECT DISTINCT flow FROM answers ORDER BY flow");
    std::vector<std::string> out;
    while (q.executeStep())
        out.push_back(q.getColumn(0).getString());
    return out;
}

}  // namespace opinia::store
