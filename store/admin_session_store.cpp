// admin_session_store: scrypt from OpenSSL for the password, hashed random tokens for sessions.
#include "store/admin_session_store.hpp"
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <SQLiteCpp/Statement.h>
#include <stdexcept>
#include <vector>
#include "store/secret_token.hpp"

namespace opinia::store {

namespace {

constexpr std::size_t salt_bytes = 16;
constexpr std::size_t hash_bytes = 32;
constexpr std::size_t max_password_bytes = 1024;

std::string hex(const std::vector<unsigned char>& bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : bytes) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

std::optional<std::vector<unsigned char>> unhex(const std::string& text)
{
    if (text.size() % 2) return std::nullopt;
    std::vector<unsigned char> out;
    for (std::size_t i = 0; i < text.size(); i += 2) {
        try {
            std::size_t used = 0;
            const auto value = std::stoul(text.substr(i, 2), &used, 16);
            if (used != 2) return std::nullopt;
            out.push_back(static_cast<unsigned char>(value));
        } catch (const std::exception&) {
            return std::nullopt;
        }
    }
    return out;
}

std::vector<unsigned char> scrypt(const std::string& password, const std::vector<unsigned char>& salt,
                                  const password_hash_settings& cost)
{
    std::vector<unsigned char> out(hash_bytes);
    // maxmem 0 lets OpenSSL use its 32 MiB default, which fits N = 2^15, r = 8.
    if (EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), cost.scrypt_n, cost.scrypt_r,
                       cost.scrypt_p, 64u * 1024 * 1024, out.data(), out.size()) != 1)
        throw std::runtime_error("OpenSSL scrypt failed");
    return out;
}

}  // namespace

std::string hash_password(const std::string& password, const password_hash_settings& cost)
{
    std::vector<unsigned char> salt(salt_bytes);
    if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
        throw std::runtime_error("OpenSSL RAND_bytes failed");
    return "scrypt$" + std::to_string(cost.scrypt_n) + "$" + std::to_string(cost.scrypt_r) + "$" +
           std::to_string(cost.scrypt_p) + "$" + hex(salt) + "$" + hex(scrypt(password, salt, cost));
}

bool password_matches(const std::string& password, const std::string& stored)
{
    if (password.empty() || password.size() > max_password_bytes) return false;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (auto dollar = stored.find('$'); dollar != std::string::npos; dollar = stored.find('$', start)) {
        parts.push_back(stored.substr(start, dollar - start));
        start = dollar + 1;
    }
    parts.push_back(stored.substr(start));
    if (parts.size() != 6 || parts[0] != "scrypt") return false;
    const auto salt = unhex(parts[4]);
    if (!salt) return false;
    password_hash_settings cost;
    try {
        cost = {std::stoull(parts[1]), std::stoull(parts[2]), std::stoull(parts[3])};
    } catch (const std::exception&) {
        return false;
    }
    return constant_time_equal(hex(scrypt(password, *salt, cost)), parts[5]);
}

admin_session_store::admin_session_store(database& db) : db_(db) {}

void admin_session_store::set_password(const std::string& password, std::int64_t now_ms)
{
    if (password.size() < 8 || password.size() > max_password_bytes)
        throw std::invalid_argument("the admin password must be 8 to 1024 bytes long");
    SQLite::Statement q(db_.connection(),
        "INSERT INTO admin_password (id, password_hash, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at");
    q.bind(1, hash_password(password));
    q.bind(2, static_cast<std::int64_t>(now_ms));
    q.exec();
    // A new password signs everyone out who signed in with the old one.
    SQLite::Statement end(db_.connection(),
                          "UPDATE admin_sessions SET ended_at = ? WHERE key_id = 0 AND ended_at IS NULL");
    end.bind(1, static_cast<std::int64_t>(now_ms));
    end.exec();
}

bool admin_session_store::has_password()
{
    SQLite::Statement q(db_.connection(), "SELECT 1 FROM admin_password WHERE id = 1");
    return q.executeStep();
}

bool admin_session_store::check_password(const std::string& password)
{
    SQLite::Statement q(db_.connection(), "SELECT password_hash FROM admin_password WHERE id = 1");
    if (!q.executeStep()) return false;
    return password_matches(password, q.getColumn(0).getString());
}

created_session admin_session_store::create(std::int64_t key_id, std::int64_t now_ms, std::int64_t lifetime_ms)
{
    created_session out;
    out.token = make_secret_token("ops_", 32);
    out.session.key_id = key_id;
    out.session.expires_at_ms = now_ms + lifetime_ms;
    SQLite::Statement q(db_.connection(),
        "INSERT INTO admin_sessions (token_hash, key_id, created_at, expires_at) VALUES (?, ?, ?, ?)");
    q.bind(1, sha256_hex(out.token));
    q.bind(2, static_cast<std::int64_t>(key_id));
    q.bind(3, static_cast<std::int64_t>(now_ms));
    q.bind(4, static_cast<std::int64_t>(out.session.expires_at_ms));
    q.exec();
    out.session.id = db_.connection().getLastInsertRowid();
    return out;
}

std::optional<admin_session> admin_session_store::find(const std::string& token, std::int64_t now_ms)
{
    if (token.empty() || token.size() > 256) return std::nullopt;
    // A session made with a key dies with the key.
    SQLite::Statement q(db_.connection(),
        "SELECT s.id, s.key_id, s.expires_at FROM admin_sessions s "
        "LEFT JOIN api_keys k ON k.id = s.key_id "
        "WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? "
        "AND (s.key_id = 0 OR (k.id IS NOT NULL AND k.revoked_at IS NULL AND k.role = 'admin'))");
    q.bind(1, sha256_hex(token));
    q.bind(2, static_cast<std::int64_t>(now_ms));
    if (!q.executeStep()) return std::nullopt;
    return admin_session{q.getColumn(0).getInt64(), q.getColumn(1).getInt64(), q.getColumn(2).getInt64()};
}

void admin_session_store::end(const std::string& token, std::int64_t now_ms)
{
    SQLite::Statement q(db_.connection(),
                        "UPDATE admin_sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL");
    q.bind(1, static_cast<std::int64_t>(now_ms));
    q.bind(2, sha256_hex(token));
    q.exec();
}

}  // namespace opinia::store
