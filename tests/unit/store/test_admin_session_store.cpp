// Tests of store/admin_session_store: the salted scrypt password hash and admin sessions.
#include <catch2/catch.hpp>
#include "store/admin_session_store.hpp"
#include "store/database.hpp"
#include "store/key_store.hpp"
#include "support_temp_dir.hpp"

using namespace opinia::store;

namespace {

constexpr std::int64_t hour_ms = 3'600'000;
// A cheap cost keeps the tests fast; the stored string carries its own cost, so checks still work.
const password_hash_settings cheap{1u << 10, 8, 1};

}  // namespace

TEST_CASE("a password hash is salted, names its cost, and verifies only the same password", "[admin][password]")
{
    const auto a = hash_password("correct horse", cheap);
    const auto b = hash_password("correct horse", cheap);
    CHECK(a != b);   // a fresh salt each time
    CHECK(a.rfind("scrypt$1024$8$1$", 0) == 0);
    CHECK(password_matches("correct horse", a));
    CHECK(password_matches("correct horse", b));
    CHECK_FALSE(password_matches("correct horsE", a));
    CHECK_FALSE(password_matches("", a));
    CHECK_FALSE(password_matches("correct horse", "scrypt$1024$8$1$zz$00"));
    CHECK_FALSE(password_matches("correct horse", "plain"));
    // Tampering with the stored hash fails the check.
    auto tampered = a;
    tampered.back() = tampered.back() == '0' ? '1' : '0';
    CHECK_FALSE(password_matches("correct horse", tampered));
}

TEST_CASE("the admin password is set, checked and replaced; short ones are refused", "[admin][password]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("x.db")});
    admin_session_store store(db);
    CHECK_FALSE(store.has_password());
    CHECK_FALSE(store.check_password("anything at all"));
    CHECK_THROWS(store.set_password("short", 1));
    store.set_password("first password", 1);
    CHECK(store.has_password());
    CHECK(store.check_password("first password"));
    CHECK_FALSE(store.check_password("second password"));
    store.set_password("second password", 2);
    CHECK(store.check_password("second password"));
    CHECK_FALSE(store.check_password("first password"));
}

TEST_CASE("sessions live until they expire, end or lose their key", "[admin][session]")
{
    opinia::testing::temp_dir dir;
    database db({dir.file("x.db")});
    admin_session_store sessions(db);
    key_store keys(db);

    const auto by_password = sessions.create(0, 0, hour_ms);
    CHECK(by_password.token.rfind("ops_", 0) == 0);
    REQUIRE(sessions.find(by_password.token, hour_ms - 1));
    CHECK_FALSE(sessions.find(by_password.token, hour_ms));   // expired
    CHECK_FALSE(sessions.find("ops_forged", 0));
    CHECK_FALSE(sessions.find("", 0));

    const auto other = sessions.create(0, 0, hour_ms);
    sessions.end(other.token, 10);
    CHECK_FALSE(sessions.find(other.token, 11));

    // A new password ends the password sessions.
    sessions.set_password("a good password", 0);
    const auto before = sessions.create(0, 0, hour_ms);
    sessions.set_password("another password", 5);
    CHECK_FALSE(sessions.find(before.token, 6));

    // A session made with a key ends when the key is revoked.
    const auto admin_key = keys.create(key_role::admin, "ops", 0);
    const auto by_key = sessions.create(admin_key.id, 0, hour_ms);
    REQUIRE(sessions.find(by_key.token, 1));
    CHECK(sessions.find(by_key.token, 1)->key_id == admin_key.id);
    db.connection().exec("UPDATE api_keys SET revoked_at = 2 WHERE id = " + std::to_string(admin_key.id));
    CHECK_FALSE(sessions.find(by_key.token, 3));
}
