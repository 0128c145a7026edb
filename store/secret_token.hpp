// secret_token: unguessable tokens (keys, resume tokens) and the one-way hash they are stored as.
#pragma once
#include <string>
#include <string_view>

namespace opinia::store {

// `prefix` + 2×`bytes` hex characters from OpenSSL's CSPRNG.
std::string make_secret_token(std::string_view prefix, int bytes);

// Lower-case hex SHA-256; secrets are stored only as this.
std::string sha256_hex(std::string_view text);

// Lower-case hex HMAC-SHA256 of `message` under `key` (customer-id and webhook signatures).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

// Comparison whose time does not depend on where the strings differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace opinia::store
