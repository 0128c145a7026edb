// row_identity: SHA-256 through OpenSSL's EVP interface.
#include "import/row_identity.hpp"

#include <array>
#include <cstdio>
#include <openssl/evp.h>

#include "import/import_error.hpp"

namespace opinia::import {

namespace {

std::string hex(const unsigned char* bytes, std::size_t count) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(count * 2);
    for (std::size_t i = 0; i < count; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0x0F];
    }
    return out;
}

std::array<unsigned char, 32> sha256(std::string_view data) {
    std::array<unsigned char, 32> md{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), md.data(), &len, EVP_sha256(), nullptr) != 1)
        throw import_error("SHA-256 failed");
    return md;
}

}  // namespace

std::string file_digest(std::string_view content) {
    const auto md = sha256(content);
    return hex(md.data(), md.size());
}

std::string imported_conversation_id(std::string_view flow, std::string_view file_digest, std::int64_t row) {
    // The row number is zero-padded so that text order is row order: a file's rows append to the
    // id indexes in key order instead of landing on random pages.
    char padded_row[24];
    std::snprintf(padded_row, sizeof padded_row, "%010lld", static_cast<long long>(row));
    std::string id = "imp_";
    id += flow;
    id += '_';
    id += file_digest.substr(0, 16);
    id += '_';
    id += padded_row;
    return id;
}

}  // namespace opinia::import
