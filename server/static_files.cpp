// static_files: path checks, then a plain file read.
#include "server/static_files.hpp"
#include <fstream>
#include <sstream>

namespace opinia::server {

namespace {

std::string content_type_of(const std::filesystem::path& path)
{
    const auto ext = path.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".json") return "application/json";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    return "application/octet-stream";
}

}  // namespace

bool is_safe_relative_path(std::string_view relative)
{
    if (relative.empty() || relative.size() > 200) return false;
    char previous = '/';
    for (char c : relative) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '.' || c == '-' || c == '_' || c == '/';
        if (!plain) return false;  // also refuses '%', '\\' and NUL: nothing is decoded here
        if (previous == '/' && (c == '.' || c == '/')) return false;  // no "..", no hidden files, no "//"
        previous = c;
    }
    return previous != '/';
}

static_files::static_files(std::filesystem::path root) : root_(std::move(root)) {}

std::optional<static_file> static_files::read(std::string_view relative) const
{
    if (!is_safe_relative_path(relative)) return std::nullopt;
    std::error_code ec;
    const auto root = std::filesystem::canonical(root_, ec);
    if (ec) return std::nullopt;
    // canonical() resolves symlinks: the real file must still lie inside the root.
    const auto path = std::filesystem::canonical(root / std::string(relative), ec);
    if (ec || !std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    const auto [root_end, path_it] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
    if (root_end != root.end()) return std::nullopt;

    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream body;
    body << in.rdbuf();
    return static_file{body.str(), content_type_of(path)};
}

}  // namespace opinia::server
