// static_files: serves the web front-end from one folder, refusing any path that could leave it.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace opinia::server {

struct static_file {
    std::string body;
    std::string content_type;
};

class static_files {
public:
    explicit static_files(std::filesystem::path root);

    // `relative` is a path below the root such as "assets/admin.js". Nothing when it is unsafe or missing.
    std::optional<static_file> read(std::string_view relative) const;

    const std::filesystem::path& root() const { return root_; }

private:
    std::filesystem::path root_;
};

// True for names made only of letters, digits, '.', '-', '_' and single '/', with no "..", no leading dot.
bool is_safe_relative_path(std::string_view relative);

}  // namespace opinia::server
