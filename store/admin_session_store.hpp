// admin_session_store: the admin password (a salted scrypt hash) and signed-in admin sessions.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include "store/database.hpp"

namespace opinia::store {

// Cost of the password hash; a named setting so tests and small machines can see what they pay.
struct password_hash_settings {
    std::uint64_t scrypt_n = 1u << 15;   // 32 MiB of memory per check with r = 8
    std::uint64_t scrypt_r = 8;
    std::uint64_t scrypt_p = 1;
};

struct admin_session {
    std::int64_t id = 0;
    std::int64_t key_id = 0;      // the admin key used to sign in; 0 when it was the password
    std::int64_t expires_at_ms = 0;
};

struct created_session {
    std::string token;            // goes into the cookie; only its hash is stored
    admin_session session;
};

// "scrypt$N$r$p$SALT$HASH" for `password` with a fresh 16-byte salt; verify with password_matches.
std::string hash_password(const std::string& password, const password_hash_settings& cost = {});
bool password_matches(const std::string& password, const std::string& stored);

class admin_session_store {
public:
    explicit admin_session_store(database& db);

    void set_password(const std::string& password, std::int64_t now_ms);
    bool has_password();
    bool check_password(const std::string& password);

    created_session create(std::int64_t key_id, std::int64_t now_ms, std::int64_t lifetime_ms);
    // A live session for this cookie token, or nothing (unknown, ended or expired).
    std::optional<admin_session> find(const std::string& token, std::int64_t now_ms);
    void end(const std::string& token, std::int64_t now_ms);

private:
    database& db_;
};

}  // namespace opinia::store
