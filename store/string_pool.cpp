// string_pool: a vector of texts and a hash map back to their ids.
#include "store/string_pool.hpp"

namespace opinia::store {

std::uint32_t string_pool::intern(const std::string& s)
{
    auto [it, added] = ids_.try_emplace(s, static_cast<std::uint32_t>(values_.size()));
    if (added) values_.push_back(s);
    return it->second;
}

std::optional<std::uint32_t> string_pool::find(const std::string& s) const
{
    const auto it = ids_.find(s);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
}

}  // namespace opinia::store
