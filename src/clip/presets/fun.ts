/**
 * Small label sets for live demos, worded for this project. They are deliberately short (every
 * label's bar fits on screen) and mostly concrete nouns that are common in web captions, with a
 * couple of near neighbours in each set (lemon/lime, rabbit/hamster, fog/cloudy sky) so that a
 * lecture can show where CLIP hesitates.
 */

export const FRUIT_LABELS: readonly string[] = [
  'apple',
  'banana',
  'orange',
  'lemon',
  'lime',
  'strawberry',
  'grapes',
  'pineapple',
  'watermelon',
  'cherry',
  'pear',
  'kiwi',
];

export const PET_LABELS: readonly string[] = [
  'dog',
  'cat',
  'rabbit',
  'hamster',
  'guinea pig',
  'parrot',
  'goldfish',
  'turtle',
  'horse',
  'snake',
];

export const WEATHER_LABELS: readonly string[] = [
  'sunny sky',
  'cloudy sky',
  'rain',
  'snow',
  'fog',
  'thunderstorm',
  'rainbow',
  'sunset',
];

/**
 * Whole phrases rather than bare adjectives: "a photo of a happy." reads badly, while
 * "a photo of a happy face." is a caption CLIP could have seen.
 */
export const EMOTION_LABELS: readonly string[] = [
  'happy face',
  'sad face',
  'angry face',
  'surprised face',
  'scared face',
  'disgusted face',
  'neutral face',
];
