// flow_catalog: every version of every flow, loaded from folders of JSON documents.
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>
#include "bot/flow.hpp"

namespace opinia::bot {

class flow_catalog {
public:
    // Loads every *.json file in `directory` (one flow version per file). Can be called for several
    // folders (shipped flows, then a configured one). Throws flow_error naming the file and the field;
    // on error nothing from that folder is added.
    void load_directory(const std::filesystem::path& directory);

    // Adds one parsed document; `source` names it in errors. Throws flow_error.
    void add(const nlohmann::json& document, const std::string& source);

    // The latest version, or nullptr.
    const flow* find(const std::string& name) const;
    // That exact version (a conversation is pinned to it), or nullptr.
    const flow* find(const std::string& name, int version) const;
    // Flow names, sorted.
    std::vector<std::string> names() const;

private:
    std::map<std::pair<std::string, int>, flow> flows_;
};

}  // namespace opinia::bot
