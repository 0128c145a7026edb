// string_pool: interned strings, so cached rows hold small ids instead of text.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace opinia::store {

class string_pool {
public:
    // The id of `s`, adding it when new; ids count up from 0 in order of first sight.
    std::uint32_t intern(const std::string& s);
    std::optional<std::uint32_t> find(const std::string& s) const;
    const std::string& text(std::uint32_t id) const { return values_[id]; }
    const std::vector<std::string>& values() const { return values_; }
    std::size_t size() const { return values_.size(); }

private:
    std::vector<std::string> values_;
    std::unordered_map<std::string, std::uint32_t> ids_;
};

}  // namespace opinia::store
