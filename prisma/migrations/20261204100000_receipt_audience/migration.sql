-- Who hears that a member's delivered/read mark moved from p_lo up to p_hi (issue 12).
-- In a dialog: both members. In a group: the member (their other devices) and the authors, still
-- members, of the messages the move covers — as Signal and WhatsApp tell only a message's author.
-- Telling all 50 members of a group about every member's every mark was 50 frames per receipt, more
-- than the messages themselves. A move over more than 500 messages (a member catching up on a long
-- backlog) tells every member instead of scanning the backlog for authors.
CREATE FUNCTION stu_receipt_audience(p_chat integer, p_user integer, p_lo integer, p_hi integer)
RETURNS integer[] LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN c.type = 'dialog' OR (
      SELECT count(*) FROM (
        SELECT 1 FROM messages m WHERE m.chat_id = p_chat AND m.id > p_lo AND m.id <= p_hi LIMIT 501
      ) AS covered
    ) > 500
    THEN (SELECT array_agg(cm.user_id) FROM chat_members cm WHERE cm.chat_id = p_chat)
    ELSE (
      SELECT array_agg(DISTINCT a.user_id) FROM (
        SELECT p_user AS user_id
        UNION
        SELECT m.sender_id FROM messages m
        JOIN chat_members cm ON cm.chat_id = p_chat AND cm.user_id = m.sender_id
        WHERE m.chat_id = p_chat AND m.id > p_lo AND m.id <= p_hi
      ) AS a
    )
  END
  FROM chats c WHERE c.id = p_chat
$$;
