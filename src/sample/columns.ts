/** The members sheet's name and columns, as the Douyin fan-group export lays them out. */

export const SAMPLE_SHEET = '成员';

export const SAMPLE_HEADER: readonly string[] = [
  '成员ID',
  '昵称',
  '抖音号',
  '入群日期',
  '最近活跃',
  '近30天评论',
  '近30天点赞',
  '近30天转发',
  '近30天发布',
  '近30天获赞',
  '直播观看分钟',
  '备注',
  '跟进状态',
];

/** Index of each column in SAMPLE_HEADER. */
export const COL = {
  id: 0,
  nickname: 1,
  douyinId: 2,
  joined: 3,
  lastActive: 4,
  comments: 5,
  likes: 6,
  shares: 7,
  posts: 8,
  likesReceived: 9,
  liveMinutes: 10,
  note: 11,
  followUp: 12,
} as const;

export const WIDTH = SAMPLE_HEADER.length;

/** The count columns, in sheet order (the generator draws their cells in this order). */
export const COUNT_KEYS = ['comments', 'likes', 'shares', 'posts', 'likesReceived', 'liveMinutes'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export const COUNT_COLUMNS: readonly number[] = COUNT_KEYS.map((key) => COL[key]);
