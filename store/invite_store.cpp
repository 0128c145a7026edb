// invite_store: SQL for invites; tokens are stored only as their SHA-256.
#include "store/invite_store.hpp"
#include <SQLiteCpp/Statement.h>
#include "store/secret_token.hpp"

namespace opinia::store {

namespace {

constexpr const char* invite_columns =
    "i.id, i.flow, i.customer_id, i.agent, i.channel, i.touchpoint, i.interaction, i.stage, i.locale, "
    "i.created_by_key, i.created_at, i.expires_at, i.conversation_id, i.opened_at, COALESCE(c.status, '') "
    "FROM invites i LEFT JOIN conversations c ON c.id = i.conversation_id";

invite_record read_invite(SQLite::Statement& q)
{
    invite_record r;
    int i = 0;
    r.id = q.getColumn(i++).getInt64();
    r.request.flow = q.getColumn(i++).getString();
    r.request.customer_id = q.getColumn(i++).getString();
    r.request.agent = q.getColumn(i++).getString();
    r.request.channel = q.getColumn(i++).getString();
    r.request.touchpoint = q.getColumn(i++).getString();
    r.request.interaction = q.getColumn(i++).getString();
    r.request.stage = q.getColumn(i++).getString();
    r.request.locale = q.getColumn(i++).getString();
    r.created_by_key = q.getColumn(i++).getInt64();
    r.created_at_ms = q.getColumn(i++).getInt64();
    r.expires_at_ms = q.getColumn(i++).getInt64();
    if (!q.getColumn(i).isNull()) r.conversation_id = q.getColumn(i).getString();
    ++i;
    if (!q.getColumn(i).isNull()) r.opened_at_ms = q.getColumn(i).getInt64();
    ++i;
    r.conversation_status = q.getColumn(i++).getString();
    return r;
}

template <typename Bind>
std::optional<invite_record> find_one(database& db, const std::string& where, Bind bind)
{
    SQLite::Statement q(db.connection(), std::string("SELECT ") + invite_columns + " WHERE " + where);
    bind(q);
    if (!q.executeStep()) return std::nullopt;
    return read_invite(q);
}

}  // namespace

invite_store::invite_store(database& db) : db_(db) {}

created_invite invite_store::create(const invite_request& request, std::int64_t key_id, std::int64_t now_ms,
                                    std::int64_t expires_at_ms)
{
    created_invite out;
    out.token = make_secret_token("i_", 16);
    SQLite::Statement q(db_.connection(),
        "INSERT INTO invites (token_hash, flow, customer_id, agent, channel, touchpoint, interaction, stage, locale, "
        "created_by_key, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    int i = 1;
    q.bind(i++, sha256_hex(out.token));
    q.bind(i++, request.flow);
    q.bind(i++, request.customer_id);
    q.bind(i++, request.agent);
    q.bind(i++, request.channel);
    q.bind(i++, request.touchpoint);
    q.bind(i++, request.interaction);
    q.bind(i++, request.stage);
    q.bind(i++, request.locale);
    q.bind(i++, static_cast<std::int64_t>(key_id));
    q.bind(i++, static_cast<std::int64_t>(now_ms));
    q.bind(i++, static_cast<std::int64_t>(expires_at_ms));
    q.exec();
    out.record.id = db_.connection().getLastInsertRowid();
    out.record.request = request;
    out.record.created_by_key = key_id;
    out.record.created_at_ms = now_ms;
    out.record.expires_at_ms = expires_at_ms;
    return out;
}

std::optional<invite_record> invite_store::find_by_token(const std::string& token)
{
    if (token.empty() || token.size() > 128) return std::nullopt;
    return find_one(db_, "i.token_hash = ?", [&](SQLite::Statement& q) { q.bind(1, sha256_hex(token)); });
}

std::optional<invite_record> invite_store::find_by_interaction(const std::string& interaction)
{
    if (interaction.empty()) return std::nullopt;
    return find_one(db_, "i.interaction = ?", [&](SQLite::Statement& q) { q.bind(1, interaction); });
}

std::optional<invite_record> invite_store::find(std::int64_t id)
{
    return find_one(db_, "i.id = ?", [&](SQLite::Statement& q) { q.bind(1, static_cast<std::int64_t>(id)); });
}

std::optional<std::int64_t> invite_store::last_offered_at(const std::string& customer_id)
{
    // Unverified ids typed into a widget must not be able to block someone else's surveys.
    SQLite::Statement q(db_.connection(),
        "SELECT MAX(t) FROM (SELECT MAX(created_at) AS t FROM invites WHERE customer_id = ?1 "
        "UNION ALL SELECT MAX(created_at) FROM conversations WHERE customer_id = ?1 AND customer_verified = 1)");
    q.bind(1, customer_id);
    if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
    return q.getColumn(0).getInt64();
}

bool invite_store::bind(std::int64_t invite_id, const std::string& conversation_id,
                        const std::optional<std::string>& expected, std::int64_t now_ms)
{
    SQLite::Statement q(db_.connection(),
        expected ? "UPDATE invites SET conversation_id = ?, opened_at = ? WHERE id = ? AND conversation_id = ?"
                 : "UPDATE invites SET conversation_id = ?, opened_at = ? WHERE id = ? AND conversation_id IS NULL");
    q.bind(1, conversation_id);
    q.bind(2, static_cast<std::int64_t>(now_ms));
    q.bind(3, static_cast<std::int64_t>(invite_id));
    if (expected) q.bind(4, *expected);
    return q.exec() == 1;
}

std::vector<invite_record> invite_store::list(std::int64_t key_id, std::int64_t before_id, int limit)
{
    SQLite::Statement q(db_.connection(),
        std::string("SELECT ") + invite_columns +
        " WHERE (?1 = 0 OR i.created_by_key = ?1) AND (?2 = 0 OR i.id < ?2) ORDER BY i.id DESC LIMIT ?3");
    q.bind(1, static_cast<std::int64_t>(key_id));
    q.bind(2, static_cast<std::int64_t>(before_id));
    q.bind(3, limit);
    std::vector<invite_record> out;
    while (q.executeStep()) out.push_back(read_invite(q));
    return out;
}

}  // namespace opinia::store
