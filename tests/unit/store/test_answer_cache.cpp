// Tests of answer_cache: its counts equal the SQL counts of metrics_query for any filter, and refresh() picks up new answers and status changes.
#include <random>
#include <catch2/catch.hpp>
#include "store/answer_cache.hpp"
#include "store/customer_store.hpp"
#include "store/database.hpp"
#include "store/metrics_query.hpp"
#include "store/response_store.hpp"

using namespace opinia::store;

namespace {

const char* const agents[] = {"anna", "bartek", ""};

void write_random(response_store& store, std::mt19937& rng, int first, int count)
{
    std::vector<conversation_write> writes;
    for (int i = first; i < first + count; ++i) {
        conversation_write w;
        auto& c = w.conversation;
        c.id = "c" + std::to_string(i);
        c.flow = i % 2 ? "nps" : "csat";
        c.flow_version = 1;
        c.agent = agents[rng() % 3];
        c.customer_id = "u" + std::to_string(rng() % 20);
        c.status = rng() % 2 ? "completed" : "open";
        c.created_at_ms = c.updated_at_ms = 1000 + static_cast<std::int64_t>(rng() % 100000);
        answer_record a;
        a.conversation_id = c.id;
        a.client_id = a.step = "q";
        a.question_type = i % 3 == 0 ? "ces" : (i % 2 ? "nps" : "csat");
        a.scale_min = a.question_type == "nps" ? 0 : 1;
        a.scale_max = a.question_type == "nps" ? 10 : (a.question_type == "ces" ? 7 : 5);
        a.good_from = a.question_type == "nps" ? 9 : 4;
        a.value = a.scale_min + static_cast<int>(rng() % static_cast<unsigned>(a.scale_max - a.scale_min + 1));
        a.skipped = rng() % 10 == 0;
        a.raw_text = std::to_string(*a.value);
        a.parse_method = "button";
        a.flow = c.flow;
        a.customer_id = c.customer_id;
        a.created_at_ms = c.created_at_ms;
        w.answers.push_back(a);
        writes.push_back(w);
    }
    store.commit(writes);
}

auto sorted(std::vector<score_count> v)
{
    std::sort(v.begin(), v.end(), [](const score_count& a, const score_count& b) {
        return std::tie(a.question_type, a.scale_min, a.scale_max, a.good_from, a.value) <
               std::tie(b.question_type, b.scale_min, b.scale_max, b.good_from, b.value);
    });
    return v;
}

bool same(const std::vector<score_count>& a, const std::vector<score_count>& b)
{
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].question_type != b[i].question_type || a[i].value != b[i].value || a[i].count != b[i].count ||
            a[i].scale_max != b[i].scale_max)
            return false;
    return true;
}

}  // namespace

TEST_CASE("The cache counts what SQL counts, for every filter, also after new answers arrive", "[cache]")
{
    database db({":memory:"});
    response_store store(db);
    customer_store customers(db);
    std::mt19937 rng(3);
    write_random(store, rng, 0, 500);
    std::vector<customer_record> list;
    for (int i = 0; i < 20; ++i) list.push_back({"u" + std::to_string(i), {}, {}, {}, {{"plan", i % 2 ? "pro" : "basic"}}});
    customers.upsert(list, 1);

    customer_cache customer_copy(db);
    answer_cache cache(db, customer_copy);
    metrics_query sql(db);
    std::vector<answer_filter> filters(6);
    filters[1].flow = "nps";
    filters[2].from_ms = 20000;
    filters[2].to_ms = 60000;
    filters[3].segment_dimension = "agent";
    filters[3].segment_value = "anna";
    filters[4].segment_dimension = "attribute:plan";
    filters[4].segment_value = "pro";
    filters[5].flow = "no-such-flow";
    for (int round = 0; round < 2; ++round) {
        customer_copy.refresh();
        cache.refresh();
        for (std::size_t i = 0; i < filters.size(); ++i) {
            INFO("round " << round << ", filter " << i);
            CHECK(same(sorted(cache.score_counts(filters[i])), sorted(sql.score_counts(filters[i]))));
        }
        write_random(store, rng, 500 + round * 300, 300);
        // Customers change plan between rounds: the attribute segment must follow.
        for (auto& c : list) c.attributes = {{"plan", rng() % 2 ? "pro" : "basic"}};
        customers.upsert(list, 2 + round);
    }

    // Segments add up to the whole.
    std::int64_t total = 0;
    for (const auto& [value, counts] : cache.segment_counts({}, "agent"))
        for (const auto& c : counts) total += c.count;
    std::int64_t all = 0;
    for (const auto& c : cache.score_counts({})) all += c.count;
    CHECK(total == all);
    CHECK(cache.segment_counts({}, "attribute:plan").size() == 2);
}

TEST_CASE("Funnel counts follow status changes and skipped answers", "[cache]")
{
    database db({":memory:"});
    response_store store(db);
    customer_cache customer_copy(db);
    answer_cache cache(db, customer_copy);
    conversation_write w;
    w.conversation.id = "x";
    w.conversation.flow = "nps";
    w.conversation.flow_version = 1;
    w.conversation.status = "open";
    w.conversation.created_at_ms = w.conversation.updated_at_ms = 10;
    store.commit({w});
    cache.refresh();
    auto f = cache.funnel({});
    CHECK(f.offered == 1);
    CHECK(f.started == 0);

    answer_record why;
    why.conversation_id = "x";
    why.client_id = why.step = "why";
    why.question_type = "text";
    why.text = "too slow";
    why.raw_text = "too slow";
    why.parse_method = "text";
    why.flow = "nps";
    why.created_at_ms = 20;
    w.answers = {why};
    w.conversation.status = "completed";
    w.conversation.updated_at_ms = 20;
    store.commit({w});
    cache.refresh();
    f = cache.funnel({});
    CHECK(f.started == 1);
    CHECK(f.completed == 1);
    CHECK(f.explained == 1);
}

TEST_CASE("The funnel cuts by a customer attribute and by flow, unopened invites included", "[cache]")
{
    database db({":memory:"});
    response_store store(db);
    customer_store customers(db);
    customers.upsert({{"u1", {}, {}, {}, {{"plan", "pro"}}}, {"u2", {}, {}, {}, {{"plan", "basic"}}}}, 1);
    std::vector<conversation_write> writes;
    for (const auto* customer : {"u1", "u1", "u2", ""}) {
        conversation_write w;
        w.conversation.id = "c" + std::to_string(writes.size());
        w.conversation.flow = writes.size() % 2 ? "csat" : "nps";
        w.conversation.flow_version = 1;
        w.conversation.customer_id = customer;
        w.conversation.status = "open";
        w.conversation.created_at_ms = w.conversation.updated_at_ms = 10;
        writes.push_back(w);
    }
    store.commit(writes);
    // Unopened invites: one for u1 (nps), one for u2 (csat).
    db.connection().exec("INSERT INTO invites (token_hash, flow, customer_id, created_by_key, created_at, expires_at) "
                         "VALUES ('t1', 'nps', 'u1', 1, 10, 99), ('t2', 'csat', 'u2', 1, 10, 99)");

    customer_cache customer_copy(db);
    answer_cache cache(db, customer_copy);
    customer_copy.refresh();
    cache.refresh();
    const auto offered = [&](const std::string& dimension, const std::string& value) {
        answer_filter f;
        f.segment_dimension = dimension;
        f.segment_value = value;
        return cache.funnel(f).offered;
    };
    CHECK(offered("attribute:plan", "pro") == 3);    // c0, c1 and u1's invite
    CHECK(offered("attribute:plan", "basic") == 2);  // c2 and u2's invite
    CHECK(offered("attribute:plan", "gold") == 0);
    CHECK(offered("attribute:size", "pro") == 0);
    CHECK(offered("flow", "nps") == 3);              // c0, c2 and the nps invite
    CHECK(cache.funnel({}).offered == 6);
}
