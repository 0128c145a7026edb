// flow_catalog: reads flow documents from disk and finds a flow by name and version.
#include "bot/flow_catalog.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace opinia::bot {

void flow_catalog::load_directory(const std::filesystem::path& directory) {
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec))
        throw flow_error(directory.string() + ": (folder): is not a readable folder of flow documents");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(directory)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());  // deterministic order, so the same error is reported first

    flow_catalog loaded = *this;  // all or nothing: a bad file leaves the catalog as it was
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw flow_error(file.string() + ": (file): cannot be read");
        std::stringstream buffer;
        buffer << in.rdbuf();
        auto document = nlohmann::json::parse(buffer.str(), nullptr, false);
        if (document.is_discarded()) throw flow_error(file.string() + ": (document): is not valid JSON");
        loaded.add(document, file.string());
    }
    *this = std::move(loaded);
}

void flow_catalog::add(const nlohmann::json& document, const std::string& source) {
    auto f = flow::from_json(document, source);
    const auto key = std::make_pair(f.name, f.version);
    if (auto it = flows_.find(key); it != flows_.end()) {
        throw flow_error(source + ": version: flow \"" + f.name + "\" version " + std::to_string(f.version) +
                         " is already defined in " + it->second.source);
    }
    flows_.emplace(key, std::move(f));
}

const flow* flow_catalog::find(const std::string& name) const {
    const flow* latest = nullptr;
    for (auto it = flows_.lower_bound({name, 0}); it != flows_.end() && it->first.first == name; ++it) latest = &it->second;
    return latest;
}

const flow* flow_catalog::find(const std::string& name, int version) const {
    const auto it = flows_.find({name, version});
    return it == flows_.end() ? nullptr : &it->second;
}

std::vector<std::string> flow_catalog::names() const {
    std::vector<std::string> out;
    for (const auto& [key, f] : flows_) {
        if (out.empty() || out.back() != key.first) out.push_back(key.first);
    }
    return out;
}

}  // namespace opinia::bot
