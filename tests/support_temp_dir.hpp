// support_temp_dir: a fresh folder under /tmp for one test, removed when the test ends.
#pragma once
#include <filesystem>
#include <random>
#include <string>

namespace opinia::testing {

class temp_dir {
public:
    temp_dir()
    {
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() / ("opinia-test-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

}  // namespace opinia::testing
