// Tests of store/: migrations, round trips of conversations and answers, keys, the group-commit writer.
#include <atomic>
#include <fstream>
#include <future>
#include <catch2/catch.hpp>
#include "store/answer_writer.hpp"
#include "store/database.hpp"
#include "store/key_store.hpp"
#include "store/metrics_query.hpp"
#include "store/response_store.hpp"
#include "support_temp_dir.hpp"

using namespace opinia::store;

namespace {

conversation_record make_conversation(const std::string& id, std::int64_t at = 1000)
{
    conversation_record c;
    c.id = id;
    c.flow = "nps";
    c.flow_version = 1;
    c.locale = "pl";
    c.agent = "agent-7";
    c.status = "open";
    c.state_json = R"({"id":")" + id + R"("})";
    c.created_at_ms = at;
    c.updated_at_ms = at;
    return c;
}

answer_record make_score(const std::string& conversation, const std::string& type, int min, int max, int good,
                         std::optional<int> value, std::int64_t at = 1000)
{
    answer_record a;
    a.conversation_id = conversation;
    a.client_id = "m-" + type;
    a.step = type;
    a.question_type = type;
    a.scale_min = min;
    a.scale_max = max;
    a.good_from = good;
    a.value = value;
    a.raw_text = value ? std::to_string(*value) : "";
    a.parse_method = "digits";
    a.flow = "nps";
    a.flow_version = 1;
    a.created_at_ms = at;
    return a;
}

answer_record make_comment(const std::string& conversation, const std::string& text, std::int64_t at = 1000)
{
    auto a = make_score(conversation, "text", 0, 0, 0, std::nullopt, at);
    a.step = "why";
    a.client_id = "m-why";
    a.text = text;
    a.raw_text = text;
    return a;
}

}  // namespace

TEST_CASE("a new database is migrated to the latest schema, and reopening keeps it", "[database]")
{
    opinia::testing::temp_dir dir;
    {
        database db({dir.file("a.db")});
        REQUIRE(db.schema_version() >= 1);
        REQUIRE(db.connection().execAndGet("PRAGMA journal_mode").getString() == "wal");
    }
    database again({dir.file("a.db")});
    REQUIRE(again.schema_version() >= 1);
}

TEST_CASE("a file that is not a database is a clear error at open", "[database]")
{
    opinia::testing::temp_dir dir;
    std::ofstream(dir.file("junk.db")) << "this is not an SQLite file, just text that is long enough to matter";
    REQUIRE_THROWS_AS(database({dir.file("junk.db")}), database_error);
}

TEST_CASE("a database from a newer opinia is refused, not damaged", "[database]")
{
    opinia::testing::temp_dir dir;
    {
        database db({dir.file("new.db")});
        db.connection().exec("PRAGMA user_version=999");
    }
    REQUIRE_THROWS_WITH(database({dir.file("new.db")}), Catch::Contains("newer than this opinia"));
}

TEST_CASE("an unwritable path is a clear error at open", "[database]")
{
    REQUIRE_THROWS_AS(database({"/nonexistent-folder/x/y.db"}), database_error);
}

TEST_CASE("conversations and answers round-trip with every field", "[response_store]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("r.db")});
    response_store store(db);
    store.commit({{make_conversation("c1"),
                   {make_score("c1", "nps", 0, 10, 9, 0), make_comment("c1", "zażółć gęślą jaźń")}}});

    auto conversation = store.find_conversation("c1");
    REQUIRE(conversation);
    CHECK(conversation->locale == "pl");
    CHECK(conversation->agent == "agent-7");
    CHECK(conversation->state_json == R"({"id":"c1"})");

    auto answers = store.answers_of("c1");
    REQUIRE(answers.size() == 2);
    CHECK(answers[0].value == 0);  // a zero is an answer, not a missing value
    CHECK(answers[0].scale_max == 10);
    CHECK(answers[0].good_from == 9);
    CHECK(answers[1].text == std::optional<std::string>("zażółć gęślą jaźń"));
    CHECK_FALSE(answers[1].value);
    CHECK_FALSE(store.find_conversation("missing"));
}

TEST_CASE("updating a conversation keeps its answers, and a repeated step is stored once", "[response_store]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("r.db")});
    response_store store(db);
    store.commit({{make_conversation("c1"), {make_score("c1", "nps", 0, 10, 9, 9)}}});
    auto updated = make_conversation("c1");
    updated.status = "completed";
    store.commit({{updated, {make_score("c1", "nps", 0, 10, 9, 2)}}});

    CHECK(store.find_conversation("c1")->status == "completed");
    auto answers = store.answers_of("c1");
    REQUIRE(answers.size() == 1);
    CHECK(answers[0].value == 9);
}

TEST_CASE("score counts leave out skipped steps, text answers and other periods and flows", "[metrics_query]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("m.db")});
    response_store store(db);
    auto skipped = make_score("c2", "nps", 0, 10, 9, std::nullopt);
    skipped.skipped = true;
    auto other_flow = make_score("c3", "nps", 0, 10, 9, 3);
    other_flow.flow = "csat";
    store.commit({{make_conversation("c1"), {make_score("c1", "nps", 0, 10, 9, 10), make_comment("c1", "good")}},
                  {make_conversation("c2"), {skipped}},
                  {make_conversation("c3"), {other_flow}},
                  {make_conversation("c4", 5000), {make_score("c4", "nps", 0, 10, 9, 6, 5000)}}});
    metrics_query query(db);

    auto all = query.score_counts({});
    CHECK(all.size() == 3);

    answer_filter only_nps_flow;
    only_nps_flow.flow = "nps";
    only_nps_flow.to_ms = 2000;
    auto counts = query.score_counts(only_nps_flow);
    REQUIRE(counts.size() == 1);
    CHECK(counts[0].value == 10);
    CHECK(counts[0].count == 1);

    auto comments = query.comments({}, 10);
    REQUIRE(comments.size() == 1);
    CHECK(comments[0].text == "good");
    CHECK(comments[0].nps == 10);
    CHECK_FALSE(comments[0].csat);
}

TEST_CASE("keys authenticate by role and are stored only as hashes", "[key_store]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("k.db")});
    key_store keys(db);
    auto admin = keys.create(key_role::admin, "ops", 1);
    auto agent = keys.create(key_role::agent, "desk", 1);
    CHECK(keys.authenticate(admin.key, 2)->role == key_role::admin);
    CHECK(keys.authenticate(agent.key, 2)->role == key_role::agent);
    CHECK(keys.authenticate(agent.key, 2)->id == agent.id);
    CHECK_FALSE(keys.authenticate(admin.key + "x", 2));
    CHECK_FALSE(keys.authenticate("", 2));
    const auto stored = db.connection().execAndGet("SELECT group_concat(key_hash) FROM api_keys").getString();
    CHECK(stored.find(admin.key) == std::string::npos);
}

TEST_CASE("the writer commits a burst of 50 writes from many threads, each reported once (H14)", "[answer_writer]")
{
    opinia::testing::temp_dir dir;
    const auto path = dir.file("w.db");
    { database create({path}); }
    std::atomic<int> committed{0}, failed{0};
    {
        answer_writer writer({path}, {});
        std::vector<std::future<void>> clients;
        for (int i = 0; i < 50; ++i) {
            clients.push_back(std::async(std::launch::async, [&, i] {
                const auto id = "c" + std::to_string(i);
                REQUIRE(writer.submit({make_conversation(id), {make_score(id, "nps", 0, 10, 9, i % 11)}},
                                      [&](std::exception_ptr e) { (e ? failed : committed)++; }));
            }));
        }
        for (auto& c : clients) c.get();
        writer.stop();
    }
    CHECK(committed == 50);
    CHECK(failed == 0);
    database check({path});
    CHECK(response_store(check).answer_count() == 50);
}

TEST_CASE("one bad write in a group fails alone", "[answer_writer]")
{
    opinia::testing::temp_dir dir;
    const auto path = dir.file("w.db");
    { database create({path}); }
    std::atomic<int> committed{0}, failed{0};
    {
        answer_writer writer({path}, {});
        // An answer for a conversation that does not exist breaks the foreign key.
        writer.submit({make_conversation("ok1"), {make_score("ok1", "nps", 0, 10, 9, 5)}},
                      [&](std::exception_ptr e) { (e ? failed : committed)++; });
        auto orphan = make_conversation("bad");
        orphan.id = "bad";
        conversation_write broken{orphan, {make_score("nobody", "nps", 0, 10, 9, 5)}};
        writer.submit(broken, [&](std::exception_ptr e) { (e ? failed : committed)++; });
        writer.submit({make_conversation("ok2"), {make_score("ok2", "nps", 0, 10, 9, 7)}},
                      [&](std::exception_ptr e) { (e ? failed : committed)++; });
        writer.stop();
    }
    CHECK(committed == 2);
    CHECK(failed == 1);
}
