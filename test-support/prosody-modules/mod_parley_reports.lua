-- For the end-to-end tests only: a server that takes spam reports with a block (XEP-0377).
-- It says so in its disco#info, and writes each report it is given to its log, where a test
-- reads what the server was told. The block itself is left to mod_blocklist.
module:add_feature("urn:xmpp:reporting:1");

module:hook("iq-set/self/urn:xmpp:blocking:block", function(event)
	local origin, block = event.origin, event.stanza.tags[1];
	for item in block:childtags("item") do
		local report = item:get_child("report", "urn:xmpp:reporting:1");
		if report then
			local ids = {};
			for sid in report:childtags("stanza-id", "urn:xmpp:sid:0") do
				ids[#ids + 1] = sid.attr.id;
			end
			module:log("info", "parley-report by=%s@%s jid=%s reason=%s ids=%s",
				origin.username, origin.host, item.attr.jid, report.attr.reason or "",
				table.concat(ids, ","));
		end
	end
end, 10); -- before mod_blocklist (priority -1), which then blocks as usual
