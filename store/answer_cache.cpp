// answer_cache: incremental loading from SQLite and the scans behind each metric view.
#include "store/answer_cache.hpp"
#include <algorithm>
#include <array>
#include <stdexcept>
#include <SQLiteCpp/Statement.h>

namespace opinia::store {

namespace {

// The conversation columns a segment can be cut by, in the order of cached_conversation::dims.
constexpr std::array<const char*, 6> dimension_names{"flow", "channel", "agent", "touchpoint", "stage", "locale"};
constexpr std::string_view attribute_prefix = "attribute:";
// Values outside [0, value_slots) are not on any score scale Opinia asks.
constexpr int value_slots = 128;

int dimension_index(const std::string& name)
{
    for (std::size_t i = 0; i < dimension_names.size(); ++i)
        if (name == dimension_names[i]) return static_cast<int>(i);
    return -1;
}

int type_code(const std::string& type)
{
    if (type == "nps") return 0;
    if (type == "csat") return 1;
    if (type == "ces") return 2;
    return -1;
}

// Counts per (kind, value) in one flat table, turned into score_count rows at the end.
struct count_table {
    std::vector<std::int64_t> cells;
    void add(std::size_t kind, int value)
    {
        const std::size_t at = kind * value_slots + static_cast<std::size_t>(value);
        if (at >= cells.size()) cells.resize((kind + 1) * value_slots, 0);
        ++cells[at];
    }
};

}  // namespace

answer_cache::answer_cache(database& db, const customer_cache& customers) : db_(db), customer_cache_(customers) {}

std::uint16_t answer_cache::kind_of(const std::string& type, int min, int max, int good_from)
{
    for (std::size_t i = 0; i < kinds_.size(); ++i) {
        const auto& k = kinds_[i];
        if (k.type == type && k.scale_min == min && k.scale_max == max && k.good_from == good_from)
            return static_cast<std::uint16_t>(i);
    }
    kinds_.push_back({type, min, max, good_from, static_cast<std::size_t>(type_code(type))});
    return static_cast<std::uint16_t>(kinds_.size() - 1);
}

answer_cache::cached_conversation& answer_cache::conversation_at(std::int64_t rowid)
{
    if (rowid < 0 || rowid > std::numeric_limits<std::uint32_t>::max())
        throw std::out_of_range("conversation rowid out of range");
    if (static_cast<std::size_t>(rowid) >= conversations_.size())
        conversations_.resize(static_cast<std::size_t>(rowid) + 1 + conversations_.size() / 2);
    return conversations_[static_cast<std::size_t>(rowid)];
}

void answer_cache::refresh()
{
    // Conversations first, answers, then conversations again: an answer and its conversation's
    // update commit together, so the second pass covers answers that arrived in between. New rows are
    // found by rowid, since an import stamps them with the survey's old dates.
    const auto read_conversations = [this] {
        SQLite::Statement q(db_.connection(),
            "SELECT rowid, flow, channel, agent, touchpoint, stage, locale, status, created_at, updated_at, customer_id "
            "FROM conversations WHERE rowid > ? OR updated_at >= ?");
        q.bind(1, last_conversation_rowid_);
        q.bind(2, last_update_ms_);
        while (q.executeStep()) {
            const auto rowid = q.getColumn(0).getInt64();
            last_conversation_rowid_ = std::max(last_conversation_rowid_, rowid);
            auto& c = conversation_at(rowid);
            for (int d = 0; d < 6; ++d) c.dims[d] = pools_[d].intern(q.getColumn(1 + d).getString());
            c.completed = q.getColumn(7).getString() == "completed";
            c.created_ms = q.getColumn(8).getInt64();
            c.customer = customer_index(q.getColumn(10).getString());
            c.exists = true;
            last_update_ms_ = std::max(last_update_ms_, q.getColumn(9).getInt64());
        }
    };
    read_conversations();
    SQLite::Statement q(db_.connection(),
        "SELECT a.id, c.rowid, a.created_at, a.question_type, a.scale_min, a.scale_max, a.good_from, a.value, "
        "a.skipped, a.text, a.customer_id "
        "FROM answers a JOIN conversations c ON c.id = a.conversation_id WHERE a.id > ? ORDER BY a.id");
    q.bind(1, last_answer_id_);
    std::string type;
    while (q.executeStep()) {
        last_answer_id_ = q.getColumn(0).getInt64();
        const auto rowid = q.getColumn(1).getInt64();
        if (q.getColumn(8).getInt() != 0) continue;  // a skipped step is not an answer
        auto& c = conversation_at(rowid);
        c.started = true;
        type = q.getColumn(3).getString();
        const auto at_ms = q.getColumn(2).getInt64();
        if (type == "text") {
            const auto text = q.getColumn(9);
            if (text.isNull() || text.getBytes() == 0) continue;
            c.explained = true;
            if (!comments_.empty() && at_ms < comments_.back().at_ms) comments_in_time_order_ = false;
            comments_.push_back({at_ms, last_answer_id_, static_cast<std::uint32_t>(rowid),
                                 customer_index(q.getColumn(10).getString()), comment_text_.size(),
                                 static_cast<std::uint32_t>(text.getBytes())});
            comment_text_.append(static_cast<const char*>(text.getBlob()), static_cast<std::size_t>(text.getBytes()));
            continue;
        }
        const auto slot = type_code(type);
        if (slot < 0 || q.getColumn(7).isNull()) continue;
        const int value = q.getColumn(7).getInt();
        if (value < 0 || value >= value_slots) continue;
        if (slot == 0) c.latest_nps = static_cast<std::int8_t>(value);
        if (!answers_.empty() && at_ms < answers_.back().at_ms) answers_in_time_order_ = false;
        answers_.push_back(cached_answer{at_ms, static_cast<std::uint32_t>(rowid), customer_index(q.getColumn(10).getString()),
                                         kind_of(type, q.getColumn(4).getInt(), q.getColumn(5).getInt(), q.getColumn(6).getInt()),
                                         static_cast<std::int16_t>(value)});
    }
    read_conversations();
}

std::int32_t answer_cache::customer_index(const std::string& customer)
{
    if (customer.empty()) return -1;
    auto [it, added] = customer_ids_.try_emplace(customer, static_cast<std::int32_t>(customers_.size()));
    if (added) customers_.push_back(customer);
    return it->second;
}

const answer_cache::attribute_map& answer_cache::attribute_by_customer(const std::string& name)
{
    if (customer_cache_.customers_version() != attributes_version_) {
        attributes_.clear();
        attributes_version_ = customer_cache_.customers_version();
    }
    auto& map = attributes_[name];
    const auto* column = customer_cache_.attribute(name);
    map.values = column ? &column->values : nullptr;
    // Customers who answered since the map was built are appended, not the whole map rebuilt.
    map.by_customer.reserve(customers_.size());
    while (map.by_customer.size() < customers_.size()) {
        const auto index = column ? customer_cache_.index_of(customers_[map.by_customer.size()]) : std::nullopt;
        map.by_customer.push_back(index ? column->by_customer[*index] : -1);
    }
    return map;
}

template <class Row, class Visit>
void answer_cache::scan(const std::vector<Row>& rows, const answer_filter& f, Visit&& visit)
{
    std::optional<std::uint32_t> flow_id;
    if (!f.flow.empty()) {
        flow_id = pools_[0].find(f.flow);
        if (!flow_id) return;
    }
    int segment_dim = -1;
    std::uint32_t segment_id = 0;
    const std::vector<std::int32_t>* segment_attr = nullptr;
    std::int32_t attr_value = -1;
    if (!f.segment_dimension.empty()) {
        if (f.segment_dimension.starts_with(attribute_prefix)) {
            const auto& map = attribute_by_customer(f.segment_dimension.substr(attribute_prefix.size()));
            segment_attr = &map.by_customer;
            const auto id = map.values ? map.values->find(f.segment_value) : std::nullopt;
            if (!id) return;
            attr_value = static_cast<std::int32_t>(*id);
        } else {
            segment_dim = dimension_index(f.segment_dimension);
            if (segment_dim < 0) throw std::invalid_argument("unknown segment dimension '" + f.segment_dimension + "'");
            const auto id = pools_[segment_dim].find(f.segment_value);
            if (!id) return;
            segment_id = *id;
        }
    }
    const bool by_conversation = flow_id || segment_dim >= 0;
    for (const auto& a : rows) {
        if (f.from_ms && a.at_ms < *f.from_ms) continue;
        if (f.to_ms && a.at_ms >= *f.to_ms) continue;
        if (by_conversation) {
            const auto& c = conversations_[a.conversation];
            if (flow_id && c.dims[0] != *flow_id) continue;
            if (segment_dim >= 0 && c.dims[segment_dim] != segment_id) continue;
        }
        if (attr_value >= 0 && (a.customer < 0 || (*segment_attr)[static_cast<std::size_t>(a.customer)] != attr_value)) continue;
        visit(a);
    }
}

namespace {
template <class Kinds>
std::vector<score_count> to_counts(const count_table& t, const Kinds& kinds)
{
    std::vector<score_count> out;
    for (std::size_t at = 0; at < t.cells.size(); ++at) {
        if (t.cells[at] == 0) continue;
        const auto& k = kinds[at / value_slots];
        out.push_back({k.type, k.scale_min, k.scale_max, k.good_from, static_cast<int>(at % value_slots), t.cells[at]});
    }
    return out;
}
}  // namespace

std::vector<score_count> answer_cache::score_counts(const answer_filter& filter)
{
    count_table t;
    scan(answers_, filter, [&](const cached_answer& a) { t.add(a.kind, a.value); });
    return to_counts(t, kinds_);
}

std::map<std::int64_t, std::vector<score_count>> answer_cache::bucket_counts(
    const answer_filter& filter, const std::function<std::int64_t(std::int64_t)>& bucket_of)
{
    std::map<std::int64_t, count_table> tables;
    std::int64_t last_key = 0;
    count_table* last = nullptr;
    scan(answers_, filter, [&](const cached_answer& a) {
        const auto key = bucket_of(a.at_ms);
        if (!last || key != last_key) {
            last = &tables[key];
            last_key = key;
        }
        last->add(a.kind, a.value);
    });
    std::map<std::int64_t, std::vector<score_count>> out;
    for (const auto& [key, t] : tables) out.emplace(key, to_counts(t, kinds_));
    return out;
}

std::map<std::string, std::vector<score_count>> answer_cache::segment_counts(const answer_filter& filter,
                                                                             const std::string& dimension)
{
    std::vector<count_table> tables;
    const auto add = [&tables](std::size_t key, const cached_answer& a) {
        if (key >= tables.size()) tables.resize(key + 1);
        tables[key].add(a.kind, a.value);
    };
    std::vector<std::string> names;
    if (dimension.starts_with(attribute_prefix)) {
        const auto& map = attribute_by_customer(dimension.substr(attribute_prefix.size()));
        const auto& by_customer = map.by_customer;
        if (map.values) names = map.values->values();
        names.push_back("");  // customers without the attribute
        const auto none = names.size() - 1;
        scan(answers_, filter, [&](const cached_answer& a) {
            const auto v = a.customer < 0 ? -1 : by_customer[static_cast<std::size_t>(a.customer)];
            add(v < 0 ? none : static_cast<std::size_t>(v), a);
        });
    } else {
        const int d = dimension_index(dimension);
        if (d < 0) throw std::invalid_argument("unknown segment dimension '" + dimension + "'");
        names = pools_[d].values();
        scan(answers_, filter, [&](const cached_answer& a) { add(conversations_[a.conversation].dims[d], a); });
    }
    std::map<std::string, std::vector<score_count>> out;
    for (std::size_t key = 0; key < tables.size(); ++key)
        if (!tables[key].cells.empty()) out.emplace(names[key], to_counts(tables[key], kinds_));
    return out;
}

void answer_cache::for_each_latest(const answer_filter& filter, const std::function<void(const customer_latest&)>& visit)
{
    constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    // Per customer, the index of its latest answer of each type: 32 bits halve the table.
    if (answers_.size() >= none) throw std::length_error("more answers than the at-risk scan can index");
    std::vector<std::array<std::uint32_t, 3>> latest(customers_.size(), {none, none, none});
    const cached_answer* base = answers_.data();
    scan(answers_, filter, [&](const cached_answer& a) {
        if (a.customer < 0) return;
        auto& slot = latest[static_cast<std::size_t>(a.customer)][kinds_[a.kind].type_slot];
        // Answers in time order need no look-up of the earlier one: a later index is never older.
        if (slot == none || answers_in_time_order_ || answers_[slot].at_ms <= a.at_ms)
            slot = static_cast<std::uint32_t>(&a - base);
    });
    customer_latest row;
    std::optional<scored_answer>* slots[3] = {&row.nps, &row.csat, &row.ces};
    for (std::size_t c = 0; c < latest.size(); ++c) {
        if (latest[c][0] == none && latest[c][1] == none && latest[c][2] == none) continue;
        row.customer = customers_[c];
        for (std::size_t t = 0; t < 3; ++t) {
            if (latest[c][t] == none) {
                slots[t]->reset();
                continue;
            }
            const auto& a = answers_[latest[c][t]];
            const auto& k = kinds_[a.kind];
            *slots[t] = scored_answer{k.type, k.scale_min, k.scale_max, k.good_from, a.value, a.at_ms, a.conversation, ""};
        }
        visit(row);
    }
}

std::vector<std::string> answer_cache::flow_names() const
{
    std::vector<std::string> names;
    for (std::uint32_t id = 0; id < pools_[0].size(); ++id)
        if (!pools_[0].text(id).empty()) names.push_back(pools_[0].text(id));
    std::sort(names.begin(), names.end());
    return names;
}

funnel_counts answer_cache::funnel(const answer_filter& f)
{
    funnel_counts out;
    const bool by_attribute = f.segment_dimension.starts_with(attribute_prefix);
    const auto attribute_name = by_attribute ? f.segment_dimension.substr(attribute_prefix.size()) : std::string();
    int segment_dim = -1;
    if (!f.segment_dimension.empty() && !by_attribute) {
        segment_dim = dimension_index(f.segment_dimension);
        if (segment_dim < 0) throw std::invalid_argument("unknown segment dimension '" + f.segment_dimension + "'");
    }
    const auto flow_id = f.flow.empty() ? std::nullopt : pools_[0].find(f.flow);
    const auto segment_id = segment_dim < 0 ? std::nullopt : pools_[segment_dim].find(f.segment_value);
    const attribute_map* attributes = by_attribute ? &attribute_by_customer(attribute_name) : nullptr;
    const auto attribute_value = attributes && attributes->values ? attributes->values->find(f.segment_value) : std::nullopt;
    const bool none_match = (!f.flow.empty() && !flow_id) || (segment_dim >= 0 && !segment_id) ||
                            (by_attribute && !attribute_value);
    const auto has_attribute_value = [&](std::int32_t customer) {
        return customer >= 0 &&
               attributes->by_customer[static_cast<std::size_t>(customer)] == static_cast<std::int32_t>(*attribute_value);
    };
    if (!none_match) {
        for (const auto& c : conversations_) {
            if (!c.exists) continue;
            if (f.from_ms && c.created_ms < *f.from_ms) continue;
            if (f.to_ms && c.created_ms >= *f.to_ms) continue;
            if (flow_id && c.dims[0] != *flow_id) continue;
            if (segment_id && c.dims[segment_dim] != *segment_id) continue;
            if (by_attribute && !has_attribute_value(c.customer)) continue;
            ++out.offered;
            out.started += c.started;
            out.completed += c.completed && c.started;
            out.explained += c.explained;
        }
    }
    // Invites sent but never opened were offered too; opened ones are counted as conversations above.
    std::string sql = "SELECT COUNT(*) FROM invites WHERE conversation_id IS NULL";
    std::vector<std::string> texts;
    if (!f.flow.empty()) {
        sql += " AND flow = ?";
        texts.push_back(f.flow);
    }
    if (segment_dim >= 0) {
        sql += std::string(" AND ") + dimension_names[static_cast<std::size_t>(segment_dim)] + " = ?";
        texts.push_back(f.segment_value);
    }
    if (by_attribute) {
        sql += " AND customer_id IN (SELECT customer_id FROM customer_attributes WHERE name = ? AND value = ?)";
        texts.push_back(attribute_name);
        texts.push_back(f.segment_value);
    }
    if (f.from_ms) sql += " AND created_at >= " + std::to_string(*f.from_ms);
    if (f.to_ms) sql += " AND created_at < " + std::to_string(*f.to_ms);
    SQLite::Statement q(db_.connection(), sql);
    for (std::size_t i = 0; i < texts.size(); ++i) q.bind(static_cast<int>(i + 1), texts[i]);
    if (q.executeStep()) out.offered += q.getColumn(0).getInt64();
    return out;
}

namespace {
// Contains `needle`, ASCII letters in any case (what SQL's LIKE does).
bool contains_ascii_folded(std::string_view text, std::string_view needle)
{
    const auto fold = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
    return std::search(text.begin(), text.end(), needle.begin(), needle.end(),
                       [&](char a, char b) { return fold(a) == fold(b); }) != text.end();
}
}  // namespace

std::vector<comment_ref> answer_cache::newest_comments(const answer_filter& filter, std::size_t limit, const std::string& search)
{
    const auto newer = [](const cached_comment* a, const cached_comment* b) {
        return a->at_ms != b->at_ms ? a->at_ms > b->at_ms : a->answer_id > b->answer_id;
    };
    const auto text_of = [this](const cached_comment& c) { return std::string_view(comment_text_).substr(c.text_at, c.length); };
    std::vector<const cached_comment*> picked;
    if (comments_in_time_order_ && filter.segment_dimension.empty() && filter.flow.empty()) {
        // Newest last: walk back from the end and stop at `limit`.
        for (auto it = comments_.rbegin(); it != comments_.rend() && picked.size() < limit; ++it) {
            if (filter.from_ms && it->at_ms < *filter.from_ms) break;
            if (filter.to_ms && it->at_ms >= *filter.to_ms) continue;
            if (search.empty() || contains_ascii_folded(text_of(*it), search)) picked.push_back(&*it);
        }
    } else {
        scan(comments_, filter, [&](const cached_comment& c) {
            if (search.empty() || contains_ascii_folded(text_of(c), search)) picked.push_back(&c);
        });
        const auto kept = std::min(limit, picked.size());
        std::partial_sort(picked.begin(), picked.begin() + static_cast<std::ptrdiff_t>(kept), picked.end(), newer);
        picked.resize(kept);
    }
    std::vector<comment_ref> out;
    out.reserve(picked.size());
    for (const auto* c : picked) {
        const auto nps = conversations_[c->conversation].latest_nps;
        out.push_back({c->answer_id, text_of(*c), nps < 0 ? std::nullopt : std::optional<int>(nps)});
    }
    return out;
}

std::string answer_cache::conversation_id(std::int64_t rowid)
{
    SQLite::Statement q(db_.connection(), "SELECT id FROM conversations WHERE rowid = ?");
    q.bind(1, rowid);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
}

}  // namespace opinia::store
