// Tests of store/invite_store and store/site_store: hashed tokens, one invite per interaction, binding, listing.
#include <catch2/catch.hpp>
#include <SQLiteCpp/Exception.h>
#include "store/database.hpp"
#include "store/invite_store.hpp"
#include "store/secret_token.hpp"
#include "store/site_store.hpp"
#include "support_temp_dir.hpp"

using namespace opinia::store;

namespace {

invite_request make_request(const std::string& customer, const std::string& interaction)
{
    invite_request r;
    r.flow = "nps";
    r.customer_id = customer;
    r.agent = "ewa";
    r.interaction = interaction;
    return r;
}

}  // namespace

TEST_CASE("invites are found by their token, which is stored only as a hash", "[invites]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("t.db")});
    invite_store invites(db);
    const auto created = invites.create(make_request("c1", "t1"), 3, 1000, 5000);
    auto found = invites.find_by_token(created.token);
    REQUIRE(found);
    CHECK(found->id == created.record.id);
    CHECK(found->request.agent == "ewa");
    CHECK(found->created_by_key == 3);
    CHECK(found->expires_at_ms == 5000);
    CHECK_FALSE(found->conversation_id);
    CHECK_FALSE(invites.find_by_token(created.token + "x"));
    CHECK_FALSE(invites.find_by_token(""));
    const auto stored = db.connection().execAndGet("SELECT token_hash FROM invites").getString();
    CHECK(stored == sha256_hex(created.token));
}

TEST_CASE("one invite per interaction id; empty interaction ids never collide", "[invites]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("t.db")});
    invite_store invites(db);
    invites.create(make_request("c1", "t1"), 1, 1000, 5000);
    CHECK_THROWS_AS(invites.create(make_request("c2", "t1"), 1, 1000, 5000), SQLite::Exception);
    invites.create(make_request("c3", ""), 1, 1000, 5000);
    invites.create(make_request("c4", ""), 1, 1000, 5000);
    CHECK(invites.find_by_interaction("t1")->request.customer_id == "c1");
    CHECK_FALSE(invites.find_by_interaction(""));
    CHECK(invites.list(0, 0, 10).size() == 3);
}

TEST_CASE("the last offer counts invites and verified conversations only", "[invites][throttle]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("t.db")});
    invite_store invites(db);
    CHECK_FALSE(invites.last_offered_at("c1"));
    invites.create(make_request("c1", "t1"), 1, 1000, 5000);
    CHECK(invites.last_offered_at("c1") == 1000);
    db.connection().exec("INSERT INTO conversations (id, flow, flow_version, customer_id, customer_verified, status, "
                         "source, created_at, updated_at) VALUES ('a', 'nps', 1, 'c1', 0, 'open', 'chat', 9000, 9000), "
                         "('b', 'nps', 1, 'c1', 1, 'open', 'chat', 7000, 7000)");
    CHECK(invites.last_offered_at("c1") == 7000);
    CHECK_FALSE(invites.last_offered_at("c2"));
}

TEST_CASE("an invite binds to one conversation; a second bind loses", "[invites]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("t.db")});
    invite_store invites(db);
    const auto id = invites.create(make_request("c1", "t1"), 1, 1000, 5000).record.id;
    CHECK(invites.bind(id, "conv-1", std::nullopt, 2000));
    CHECK_FALSE(invites.bind(id, "conv-2", std::nullopt, 2001));
    CHECK(invites.find(id)->conversation_id == "conv-1");
    CHECK(invites.find(id)->opened_at_ms == 2000);
    CHECK(invites.bind(id, "conv-3", std::string("conv-1"), 2002));
    CHECK(invites.find(id)->conversation_id == "conv-3");
}

TEST_CASE("invites are listed newest first, per key, with a cursor", "[invites]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("t.db")});
    invite_store invites(db);
    for (int i = 0; i < 5; ++i) invites.create(make_request("c", "t" + std::to_string(i)), i % 2 + 1, 1000 + i, 9000);
    const auto all = invites.list(0, 0, 3);
    REQUIRE(all.size() == 3);
    CHECK(all[0].id > all[1].id);
    const auto rest = invites.list(0, all.back().id, 3);
    CHECK(rest.size() == 2);
    for (const auto& r : invites.list(2, 0, 10)) CHECK(r.created_by_key == 2);
    CHECK(invites.list(2, 0, 10).size() == 2);
}

TEST_CASE("sites keep a secret and their origins", "[sites]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("t.db")});
    site_store sites(db);
    const auto site = sites.create("shop", {"https://shop.example", "http://localhost:3000"}, 1000);
    CHECK(site.public_key.rfind("site_", 0) == 0);
    CHECK(site.secret.size() > 32);
    auto found = sites.find(site.public_key);
    REQUIRE(found);
    CHECK(found->secret == site.secret);
    CHECK(found->origins == std::vector<std::string>{"https://shop.example", "http://localhost:3000"});
    CHECK(sites.list().size() == 1);
    CHECK(sites.remove(site.public_key));
    CHECK_FALSE(sites.find(site.public_key));
}

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2", "[sites]")
{
    CHECK(hmac_sha256_hex("Jefe", "what do ya want for nothing?") ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}
